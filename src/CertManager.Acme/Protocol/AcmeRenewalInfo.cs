namespace CertManager.Acme.Protocol;

/// <summary>
/// ACME Renewal Information (RFC 9773 §4.2): the window in which the CA suggests renewing, an optional explanation,
/// and when to ask again (Retry-After, §4.3).
/// </summary>
public sealed record AcmeRenewalInfo
{
    public AcmeRenewalWindow? SuggestedWindow { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("explanationURL")]
    public Uri? ExplanationUrl { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }
}
