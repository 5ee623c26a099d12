using CertManager.Core.Accounts;

namespace CertManager.Core.Tokens;

/// <summary>A token as its owner's profile page lists it: never the secret.</summary>
public sealed record ApiTokenSummary(
    long Id,
    string Name,
    IReadOnlyList<string> Scopes,
    UserRole Role,
    DateTimeOffset Created,
    DateTimeOffset Expires,
    DateTimeOffset? LastUsedAt,
    string? LastUsedFrom,
    DateTimeOffset? RevokedAt)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && Expires > now;
}
