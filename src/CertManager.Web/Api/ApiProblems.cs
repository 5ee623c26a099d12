using CertManager.Core.Results;
using Microsoft.AspNetCore.Mvc;

namespace CertManager.Web.Api;

/// <summary>
/// Problems as RFC 9457 problem documents: <c>type</c> is the problem's stable code (the same as on the pages and in
/// certman), <c>title</c> and <c>detail</c> its message, <c>fix</c> what to do, and <c>problems</c> every problem
/// when there are several (the chain doctor's report carries the rest in <c>report</c>).
/// </summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static IResult For(Problem problem, int status, object? report = null) => For([problem], status, report);

    /// <param name="problems">The problems; the first error (else the first) gives type, title and detail.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="report">The chain doctor's report, as the member <c>report</c>.</param>
    /// <param name="held">What was kept for a later install (an ACME order, a SCEP enrollment), as the member <c>held</c>.</param>
    public static IResult For(IReadOnlyList<Problem> problems, int status, object? report = null, object? held = null)
    {
        var first = problems.FirstOrDefault(p => p.Severity == Severity.Error) ?? problems[0];
        var details = new ProblemDetails
        {
            Type = first.Code,
            Title = first.Message,
            Detail = first.Message,
            Status = status,
        };
        details.Extensions["fix"] = first.Fix;
        if (problems.Count > 1)
        {
            details.Extensions["problems"] = problems;
        }

        if (report is not null)
        {
            details.Extensions["report"] = report;
        }

        if (held is not null)
        {
            details.Extensions["held"] = held;
        }

        return Results.Problem(details);
    }

    /// <summary>400 for problems with the request, 404 when the thing is gone, 409 when the state does not allow it.</summary>
    public static int StatusFor(Problem problem) => problem.Code switch
    {
        _ when problem.Code.EndsWith("not-found", StringComparison.Ordinal) || problem.Code.EndsWith(".unknown-version", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ when problem.Code.EndsWith("-not-confirmed", StringComparison.Ordinal) || problem.Code.Contains(".nothing-", StringComparison.Ordinal)
            || problem.Code.EndsWith("-closed", StringComparison.Ordinal) || problem.Code.EndsWith("-open", StringComparison.Ordinal) || problem.Code.EndsWith("-running", StringComparison.Ordinal) => StatusCodes.Status409Conflict,
        _ when problem.Code.EndsWith("-not-permitted", StringComparison.Ordinal) => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The problems of a failed result, with the status the first one calls for.</summary>
    public static IResult From<T>(Result<T> failed, object? report = null) => For(failed.Problems, StatusFor(failed.Problems[0]), report);
}
