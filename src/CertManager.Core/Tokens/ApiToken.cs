using CertManager.Core.Accounts;

namespace CertManager.Core.Tokens;

/// <summary>An API token as stored: never the secret, only its SHA-256.</summary>
internal sealed class ApiToken
{
    public long Id { get; set; }

    /// <summary>The token's public part (<c>cm_&lt;PublicId&gt;_...</c>), for the look-up; not secret.</summary>
    public required string PublicId { get; set; }

    /// <summary>SHA-256 of the secret part; compared in constant time.</summary>
    public required byte[] SecretSha256 { get; set; }

    public int UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Space-separated scopes, as in OAuth 2.0 (RFC 6749 section 3.3).</summary>
    public required string Scopes { get; set; }

    /// <summary>The role the token acts with; at most the owner's role when it was made.</summary>
    public UserRole Role { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Expires { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedFrom { get; set; }

    /// <summary>When a use was last written to the event log; one event per token per window, not one per request.</summary>
    public DateTimeOffset? LastUseRecordedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public ApiTokenSummary ToSummary() =>
        new(Id, Name, [.. Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], Role, Created, Expires, LastUsedAt, LastUsedFrom, RevokedAt);
}
