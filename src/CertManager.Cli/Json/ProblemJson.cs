using CertManager.Core.Results;

namespace CertManager.Cli.Json;

/// <summary>
/// A problem in <c>--json</c> output; <see cref="Severity"/> is <c>error</c>, <c>warning</c> or <c>info</c>;
/// <see cref="Citation"/> (chain doctor rules only) is the RFC or CA/Browser Forum section, or the client behaviour predicted.
/// </summary>
internal sealed record ProblemJson(string Code, string Severity, string Message, string Fix, string? Citation = null)
{
    public static IReadOnlyList<ProblemJson> From(IEnumerable<Problem> problems) =>
        problems.Select(p => new ProblemJson(p.Code, ProblemWriter.SeverityName(p.Severity), p.Message, p.Fix, p.Citation)).ToList();
}
