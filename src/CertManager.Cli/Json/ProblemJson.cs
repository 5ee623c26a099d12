using CertManager.Core.Results;

namespace CertManager.Cli.Json;

/// <summary>A problem in <c>--json</c> output; <see cref="Severity"/> is <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
internal sealed record ProblemJson(string Code, string Severity, string Message, string Fix)
{
    public static IReadOnlyList<ProblemJson> From(IEnumerable<Problem> problems) =>
        problems.Select(p => new ProblemJson(p.Code, ProblemWriter.SeverityName(p.Severity), p.Message, p.Fix)).ToList();
}
