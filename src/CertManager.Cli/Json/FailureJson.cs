namespace CertManager.Cli.Json;

/// <summary>What <c>--json</c> prints when a command fails: every problem, errors and warnings alike.</summary>
internal sealed record FailureJson(IReadOnlyList<ProblemJson> Problems);
