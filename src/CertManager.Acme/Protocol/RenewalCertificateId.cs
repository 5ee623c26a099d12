using System.Security.Cryptography.X509Certificates;

namespace CertManager.Acme.Protocol;

/// <summary>
/// The ARI certificate identifier (RFC 9773 §4.1): base64url(keyIdentifier of the Authority Key Identifier
/// extension) "." base64url(the DER bytes of the serial number's INTEGER value, without tag and length). The same
/// string goes into renewalInfo requests and into <c>replaces</c> of the renewing order (§5).
/// </summary>
public static class RenewalCertificateId
{
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    /// <summary>The identifier, or null when the certificate carries no Authority Key Identifier keyIdentifier.</summary>
    public static string? Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()
            ?? (certificate.Extensions[AuthorityKeyIdentifierOid] is { } raw ? new X509AuthorityKeyIdentifierExtension(raw.RawData, raw.Critical) : null);
        if (extension?.KeyIdentifier is not { } keyIdentifier)
        {
            return null;
        }

        // SerialNumberBytes is the INTEGER's content octets as encoded (big-endian, with a leading zero if needed).
        return $"{Base64UrlText.Encode(keyIdentifier.Span)}.{Base64UrlText.Encode(certificate.SerialNumberBytes.Span)}";
    }
}
