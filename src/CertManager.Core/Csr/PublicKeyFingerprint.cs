using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// SHA-256 over the DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7): the same value for the CSR, its key and any
/// certificate issued for it, so it links a certificate back to its pending key. Same as
/// <c>openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha256</c>.
/// </summary>
internal static class PublicKeyFingerprint
{
    public static string Compute(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        CertificateDetailsReader.FormatHex(SHA256.HashData(subjectPublicKeyInfo));

    public static string Compute(X509Certificate2 certificate) =>
        Compute(certificate.PublicKey.ExportSubjectPublicKeyInfo());
}
