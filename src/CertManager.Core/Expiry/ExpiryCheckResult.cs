namespace CertManager.Core.Expiry;

/// <summary>What one run of the <see cref="ExpiryChecker"/> found and changed.</summary>
public sealed record ExpiryCheckResult(IReadOnlyList<ExpiryFinding> Findings, int Raised, int Resolved)
{
    /// <summary>A presented certificate or intermediate has expired: a MAJOR expiry event is active.</summary>
    public bool HasMajor => Findings.Any(f => f.Level == ExpiryLevel.Major);

    /// <summary>On a proxy: the servers behind it whose presented certificate is past a threshold (not the ones that are fine).</summary>
    public IReadOnlyList<FollowerExpiryFinding> Followers { get; init; } = [];
}
