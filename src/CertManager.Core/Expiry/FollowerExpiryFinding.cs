namespace CertManager.Core.Expiry;

/// <summary>A server behind this proxy (a fleet follower) whose presented certificate is past a threshold.</summary>
public sealed record FollowerExpiryFinding(long FollowerId, string FollowerName, string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter, int DaysRemaining, ExpiryLevel Level);
