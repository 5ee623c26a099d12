using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Events;

/// <summary>What an event and its alert email say about the certificate concerned.</summary>
public sealed record CertificateFacts(string Subject, string CommonName, IReadOnlyList<string> AlternateNames, string Issuer, DateTimeOffset NotAfter, string Sha256Fingerprint)
{
    public static CertificateFacts From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateFacts(
            certificate.SubjectText(),
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            AlternativeNameReader.Read(certificate).Select(name => name.ToString()).ToList(),
            certificate.IssuerText(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256)));
    }
}
