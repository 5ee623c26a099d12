namespace CertManager.Acme.Protocol;

/// <summary>The authorization object (RFC 8555 §7.1.4): one identifier, its status and the challenges offered.</summary>
public sealed record AcmeAuthorization
{
    public AcmeIdentifier? Identifier { get; init; }

    /// <summary><c>pending</c>, <c>valid</c>, <c>invalid</c>, <c>deactivated</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<AcmeChallenge> Challenges { get; init; } = [];

    /// <summary>True when the order asked for <c>*.name</c> (§7.1.4): the identifier carries the base name.</summary>
    public bool Wildcard { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }
}
