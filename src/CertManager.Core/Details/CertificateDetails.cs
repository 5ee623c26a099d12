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
    CertificateOrigin Origin);
