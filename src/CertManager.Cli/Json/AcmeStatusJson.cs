namespace CertManager.Cli.Json;

/// <summary><c>certman acme status --json</c>: the accounts CertManager holds and the latest orders.</summary>
internal sealed record AcmeStatusJson(IReadOnlyList<AcmeAccountJson> Accounts, IReadOnlyList<AcmeOrderJson> Orders);

internal sealed record AcmeAccountJson(string DirectoryUrl, string AccountUrl, string Status, IReadOnlyList<string> Contact, DateTimeOffset Created);

internal sealed record AcmeOrderJson(long Id, string DirectoryUrl, string? OrderUrl, IReadOnlyList<string> Names, string ChallengeWay, string Status, string? LastStep, string? Outcome, DateTimeOffset Created, DateTimeOffset Updated);
