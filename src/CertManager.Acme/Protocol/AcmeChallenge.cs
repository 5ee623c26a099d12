namespace CertManager.Acme.Protocol;

/// <summary>A challenge object (RFC 8555 §7.1.5, §8): its type, URL, token and, once validated or failed, status and error.</summary>
public sealed record AcmeChallenge
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";

    public string? Type { get; init; }

    public Uri? Url { get; init; }

    /// <summary><c>pending</c>, <c>processing</c>, <c>valid</c> or <c>invalid</c> (§7.1.6).</summary>
    public string? Status { get; init; }

    public string? Token { get; init; }

    public AcmeProblemDocument? Error { get; init; }
}
