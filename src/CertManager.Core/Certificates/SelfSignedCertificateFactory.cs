using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Certificates;

/// <summary>
/// Makes the console's self-signed default: RSA 2048, SHA-256, CN = this host's FQDN, SANs for every name a
/// browser on this host or the LAN may use (FQDN, short name, localhost, 127.0.0.1, ::1).
/// </summary>
public sealed class SelfSignedCertificateFactory(TimeProvider timeProvider)
{
    /// <summary>Long enough not to nag, short enough that browsers accept it (825 days, the former CA/Browser Forum limit).</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(825);

    private const int KeySizeBits = 2048;

    public X509Certificate2 Create(HostIdentity host)
    {
        using var key = RSA.Create(KeySizeBits);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(host.FullyQualifiedName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(BuildSubjectAlternativeNames(host));

        // Backdate slightly so that a client whose clock runs a little behind still accepts it.
        var now = timeProvider.GetUtcNow();
        return request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), now.AddMinutes(-5), now.Add(Validity), NewSerialNumber())
            .CopyWithPrivateKey(key);
    }

    private static X509Extension BuildSubjectAlternativeNames(HostIdentity host)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in new[] { host.FullyQualifiedName, host.ShortName, "localhost" }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dnsName);
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        return names.Build();
    }

    /// <summary>RFC 5280 4.1.2.2: a positive serial of at most 20 octets; 16 random bytes with the top bit cleared.</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
