namespace CertManager.Core.Fleet;

/// <summary>On a follower: the proxy it follows, as <c>certman follow status</c> and the follower's page show it.</summary>
public sealed record FollowingSummary(
    Uri EdgeUrl,
    string EdgeIdentityFingerprint,
    long FollowerId,
    string Name,
    DateTimeOffset Paired,
    string PairedBy,
    DateTimeOffset? LastContact,
    string? LastOutcome,
    string? InstalledFingerprint);
