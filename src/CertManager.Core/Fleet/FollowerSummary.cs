namespace CertManager.Core.Fleet;

/// <summary>
/// A server behind the proxy, as the edge's page and <c>certman fleet list</c> show it. <see cref="PresentedNotAfter"/>
/// is the expiry of what the server's HTTPS port presents, as its last signed report said.
/// </summary>
public sealed record FollowerSummary(
    long Id,
    string Name,
    DateTimeOffset Paired,
    string PairedBy,
    bool InstallWithWarnings,
    DateTimeOffset? LastContact,
    string? LastAddress,
    string? DeliveredFingerprint,
    DateTimeOffset? Delivered,
    string? InstalledFingerprint,
    string? PresentedFingerprint,
    FollowerState State,
    IReadOnlyList<string> Problems,
    DateTimeOffset? Reported,
    TimeSpan? LastTake,
    DateTimeOffset? PresentedNotAfter);
