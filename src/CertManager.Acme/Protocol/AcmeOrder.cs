namespace CertManager.Acme.Protocol;

/// <summary>The order object (RFC 8555 §7.1.3); <see cref="Location"/> is the order URL from the newOrder reply.</summary>
public sealed record AcmeOrder
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Uri? Location { get; init; }

    /// <summary><c>pending</c>, <c>ready</c>, <c>processing</c>, <c>valid</c> or <c>invalid</c> (§7.1.6).</summary>
    public string? Status { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<AcmeIdentifier> Identifiers { get; init; } = [];

    public IReadOnlyList<Uri> Authorizations { get; init; } = [];

    public Uri? Finalize { get; init; }

    public Uri? Certificate { get; init; }

    public AcmeProblemDocument? Error { get; init; }

    /// <summary>RFC 9773 §5: the ARI certificate identifier of the certificate this order replaces.</summary>
    public string? Replaces { get; init; }

    /// <summary>How long the CA asked the client to wait before polling again (Retry-After, §7.4 and §8.2).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }
}
