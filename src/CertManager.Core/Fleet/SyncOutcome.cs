using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>What one poll of the edge ended in on a follower.</summary>
public sealed record SyncOutcome(bool EdgeReached, FollowerState State, string Message, string? InstalledFingerprint, IReadOnlyList<Problem> Problems);
