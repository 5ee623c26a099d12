namespace CertManager.Core.Fleet;

/// <summary>A follower's registration with the edge (POST, JSON). <see cref="Mac"/> proves it knows the code's secret.</summary>
public sealed record RegistrationRequest(string Code, string Name, byte[] SigningKey, byte[] EncryptionKey, string Challenge, string Mac);

/// <summary>The edge's answer: the follower's id, the edge's identity key and the signed <c>RegistrationProof</c>.</summary>
public sealed record RegistrationResponse(long FollowerId, byte[] IdentityKey, byte[] Proof);

/// <summary>A problem a follower reports, as its own chain doctor or installer stated it.</summary>
public sealed record ReportedProblem(string Code, string Message);

/// <summary>
/// What a follower reports after each poll (signed POST, JSON: the signature covers the whole body). With the fingerprint
/// its HTTPS port presents come that certificate's expiry and subject, so the edge can warn before a server behind it
/// presents an expired certificate, also one the edge never had (the follower's own older one).
/// </summary>
public sealed record FollowerReport(
    string? InstalledFingerprint,
    string? PresentedFingerprint,
    FollowerState State,
    IReadOnlyList<ReportedProblem> Problems,
    DateTimeOffset? PresentedNotAfter = null,
    string? PresentedSubject = null)
{
    /// <summary>The longest subject the edge keeps; a longer one is cut.</summary>
    public const int MaxSubjectLength = 1024;
}
