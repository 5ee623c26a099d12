namespace CertManager.Cli.Json;

/// <summary>
/// <c>certman acme status --json</c>: the accounts CertManager holds, the latest orders, and the RFC 2136 dynamic update
/// settings (never the secret), left out when none are saved.
/// </summary>
internal sealed record AcmeStatusJson(IReadOnlyList<AcmeAccountJson> Accounts, IReadOnlyList<AcmeOrderJson> Orders, AcmeDnsUpdateJson? DnsUpdate);

internal sealed record AcmeAccountJson(string DirectoryUrl, string AccountUrl, string Status, IReadOnlyList<string> Contact, DateTimeOffset Created);

internal sealed record AcmeOrderJson(long Id, string DirectoryUrl, string? OrderUrl, IReadOnlyList<string> Names, string ChallengeWay, string Status, string? LastStep, string? Outcome, DateTimeOffset Created, DateTimeOffset Updated);
