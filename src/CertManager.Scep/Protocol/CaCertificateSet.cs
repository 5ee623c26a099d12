using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using Org.BouncyCastle.Cms;

namespace CertManager.Scep.Protocol;

/// <summary>
/// The CA and RA certificates a GetCACert answer carried (RFC 8894 §4.2.1): one DER certificate
/// (<c>application/x-x509-ca-cert</c>) or a degenerate certificates-only PKCS#7 (<c>application/x-x509-ca-ra-cert</c>)
/// holding RA certificates and the CA that issued them. The administrator confirms them before anything is sent.
/// </summary>
public sealed class CaCertificateSet
{
    private const int KeyEnciphermentBits = (int)(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment);

    internal CaCertificateSet(IReadOnlyList<X509Certificate2> certificates)
    {
        Certificates = certificates;
        Summaries = certificates.Select(c => CertificateSummary.Of(c, IsAuthority(c) ? "CA certificate" : "RA certificate")).ToList();
    }

    public IReadOnlyList<X509Certificate2> Certificates { get; }

    /// <summary>Subject, issuer, SHA-256 fingerprint and validity of each certificate, as the confirmation shows them.</summary>
    public IReadOnlyList<CertificateSummary> Summaries { get; }

    /// <summary>True when an RA answers for the CA (RFC 8894 §2.1.1): requests are then encrypted to the RA.</summary>
    public bool HasRegistrationAuthority => Certificates.Count > 1 && Certificates.Any(c => !IsAuthority(c));

    /// <summary>The CA certificates proper, the ones an expected fingerprint is compared with; every certificate when none says it is a CA.</summary>
    public IReadOnlyList<X509Certificate2> Authorities
    {
        get
        {
            var authorities = Certificates.Where(IsAuthority).ToList();
            return authorities.Count > 0 ? authorities : Certificates;
        }
    }

    /// <summary>
    /// The certificate requests are encrypted to: an RA certificate allowed to encipher keys when there is an RA
    /// (NDES sends one for signing and one for encryption), else the CA certificate (RFC 8894 §3.2.2).
    /// </summary>
    internal X509Certificate2 Recipient =>
        Certificates.Where(c => !IsAuthority(c) && CanEncipher(c)).FirstOrDefault()
        ?? Certificates.Where(c => !IsAuthority(c)).FirstOrDefault()
        ?? Certificates[0];

    /// <summary>Whether <paramref name="fingerprint"/> (hex, colons and spaces ignored) is the SHA-256 fingerprint of one of the <see cref="Authorities"/>.</summary>
    public bool MatchesFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var wanted = NormalizeFingerprint(fingerprint);
        return Authorities.Any(c => string.Equals(c.GetCertHashString(HashAlgorithmName.SHA256), wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when <paramref name="signer"/> is one of the certificates received, so a CertRep signed by it comes from this CA (RFC 8894 §3.3.2).</summary>
    internal bool Contains(X509Certificate2 signer) => Certificates.Any(c => c.RawData.AsSpan().SequenceEqual(signer.RawData));

    public static string NormalizeFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return string.Concat(fingerprint.Where(Uri.IsHexDigit)).ToUpperInvariant();
    }

    /// <summary>Reads a GetCACert body; null when it is neither a DER certificate nor a certificates-only PKCS#7.</summary>
    internal static CaCertificateSet? Parse(byte[] body)
    {
        try
        {
            return new CaCertificateSet([X509CertificateLoader.LoadCertificate(body)]);
        }
        catch (CryptographicException)
        {
            // Not a single certificate: try the degenerate PKCS#7 form.
        }

        try
        {
            var signedData = new CmsSignedData(body);
            var certificates = signedData.GetCertificates().EnumerateMatches(null)
                .Select(c => X509CertificateLoader.LoadCertificate(c.GetEncoded()))
                .ToList();
            return certificates.Count > 0 ? new CaCertificateSet(certificates) : null;
        }
        catch (Exception exception) when (exception is CmsException or IOException or ArgumentException or InvalidCastException or CryptographicException)
        {
            return null;
        }
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static bool CanEncipher(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
        || ((int)usage.KeyUsages & KeyEnciphermentBits) != 0;
}
