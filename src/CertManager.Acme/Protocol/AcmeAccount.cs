namespace CertManager.Acme.Protocol;

/// <summary>The account object (RFC 8555 §7.1.2); <see cref="Location"/> is the account URL, the JWS <c>kid</c>.</summary>
public sealed record AcmeAccount
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Uri? Location { get; init; }

    /// <summary><c>valid</c>, <c>deactivated</c> or <c>revoked</c>.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<string>? Contact { get; init; }

    public Uri? Orders { get; init; }
}
