using CertManager.Core.Certificates;
using CertManager.Core.Expiry;

namespace CertManager.Core.Details;

/// <summary>What the Web Server Certificate tab shows about a certificate.</summary>
public sealed record CertificateDetails(
    NameFields Issuer,
    NameFields Subject,
    string CertificateName,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    DateTimeOffset ValidFrom,
    DateTimeOffset Expires,
    int DaysRemaining,
    ExpiryLevel ExpiryLevel,
    string SerialNumber,
    string Sha256Fingerprint,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    CertificateOrigin Origin)
{
    /// <summary>The whole subject as one line, in encoded order with openssl's labels (e.g. <c>C=CA, ST=Ontario, CN=...</c>).</summary>
    public string SubjectText { get; init; } = string.Empty;

    /// <summary>The whole issuer as one line, in encoded order with openssl's labels, like the subject.</summary>
    public string IssuerText { get; init; } = string.Empty;
}
