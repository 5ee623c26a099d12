using CertManager.Core.Expiry;

namespace CertManager.Cli.Json;

/// <summary>
/// <c>certman check-expiry --json</c>: each checked certificate, the servers behind this proxy whose certificate is past a
/// threshold, and what the check changed.
/// </summary>
internal sealed record ExpiryCheckJson(IReadOnlyList<ExpiryFindingJson> Certificates, IReadOnlyList<FollowerExpiryJson> Followers, int Raised, int Resolved, bool MajorActive)
{
    public static ExpiryCheckJson From(ExpiryCheckResult result) =>
        new(
            result.Findings.Select(f => new ExpiryFindingJson(f.Subject, f.Sha256Fingerprint, f.NotAfter, f.DaysRemaining, f.Level.ToString().ToUpperInvariant(), f.IsIntermediate)).ToList(),
            result.Followers.Select(f => new FollowerExpiryJson(f.FollowerId, f.FollowerName, f.Subject, f.Sha256Fingerprint, f.NotAfter, f.DaysRemaining, f.Level.ToString().ToUpperInvariant())).ToList(),
            result.Raised,
            result.Resolved,
            result.HasMajor);
}

/// <summary>One certificate in <see cref="ExpiryCheckJson"/>.</summary>
internal sealed record ExpiryFindingJson(string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter, int DaysRemaining, string Level, bool Intermediate);
