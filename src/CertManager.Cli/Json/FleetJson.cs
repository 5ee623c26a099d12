using CertManager.Core.Fleet;

namespace CertManager.Cli.Json;

/// <summary><c>certman fleet pair-code --json</c>: the code to paste on the server that will follow.</summary>
internal sealed record PairCodeJson(string Code, DateTimeOffset Expires, string IdentityFingerprint);

/// <summary>One server in <c>certman fleet list --json</c>.</summary>
internal sealed record FollowerJson(
    long Id,
    string Name,
    string State,
    DateTimeOffset Paired,
    DateTimeOffset? LastContact,
    string? LastAddress,
    string? DeliveredFingerprint,
    string? InstalledFingerprint,
    string? PresentedFingerprint,
    DateTimeOffset? PresentedNotAfter,
    IReadOnlyList<string> Problems,
    bool InstallWithWarnings,
    double? LastTakeSeconds)
{
    public static FollowerJson From(FollowerSummary f) =>
        new(f.Id, f.Name, f.State.ToString(), f.Paired, f.LastContact, f.LastAddress, f.DeliveredFingerprint, f.InstalledFingerprint, f.PresentedFingerprint, f.PresentedNotAfter, f.Problems, f.InstallWithWarnings, f.LastTake?.TotalSeconds);
}

/// <summary><c>certman follow ... --json</c>: the proxy this console follows.</summary>
internal sealed record FollowingJson(string EdgeUrl, string EdgeIdentityFingerprint, long FollowerId, string Name, DateTimeOffset Paired, DateTimeOffset? LastContact, string? LastOutcome, string? InstalledFingerprint)
{
    public static FollowingJson From(FollowingSummary f) =>
        new(f.EdgeUrl.AbsoluteUri, f.EdgeIdentityFingerprint, f.FollowerId, f.Name, f.Paired, f.LastContact, f.LastOutcome, f.InstalledFingerprint);
}
