using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Chain;

/// <summary>What the chain picture, <c>certman inspect</c> and its JSON say about one certificate.</summary>
public sealed record CertificateSummary(
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha256Fingerprint,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    bool IsCertificateAuthority,
    bool IsSelfIssued,
    string Source)
{
    /// <summary>The subject's CN, or the whole subject when it has none: how messages name a certificate.</summary>
    public string DisplayName => CommonName is { Length: > 0 } name ? $"CN={name}" : Subject;

    /// <summary>The subject's common name, empty when it has none.</summary>
    public string CommonName { get; init; } = string.Empty;

    public static CertificateSummary Of(X509Certificate2 certificate, string source)
    {
        var (algorithm, size) = CertificateDetailsReader.DescribeKey(certificate);
        return new CertificateSummary(
            certificate.SubjectText(),
            certificate.IssuerText(),
            CertificateDetailsReader.FormatSerial(certificate),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            algorithm,
            size,
            CertificateDetailsReader.SignatureAlgorithmName(certificate),
            AlternativeNameReader.Read(certificate),
            IsCertificateAuthorityCertificate(certificate),
            certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
            source)
        {
            CommonName = DistinguishedNameParser.Parse(certificate.SubjectName).CommonName ?? string.Empty,
        };
    }

    internal static bool IsCertificateAuthorityCertificate(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
}
