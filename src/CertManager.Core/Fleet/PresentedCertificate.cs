using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Fleet;

/// <summary>The certificate a console's HTTPS port presents, as a TLS handshake with it reads it.</summary>
public sealed record PresentedCertificate(string Sha256Fingerprint, string Subject, DateTimeOffset NotAfter)
{
    public static PresentedCertificate From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new PresentedCertificate(
            CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            certificate.SubjectText(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
