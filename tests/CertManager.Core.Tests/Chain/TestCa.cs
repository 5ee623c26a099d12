using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Tests.Chain;

/// <summary>
/// A CA made in process with .NET's <see cref="CertificateRequest"/> for the path-building and name-constraint tests:
/// any subject, key, issuer, validity and constraints, so that cross-signed, renewed and constrained CAs can share a
/// subject and a key. Certificates carry subject and authority key identifiers as a real CA's do.
/// </summary>
internal sealed class TestCa(X509Certificate2 certificate, RSA key)
{
    public X509Certificate2 Certificate { get; } = certificate;

    public RSA Key { get; } = key;

    public string Pem => Certificate.ExportCertificatePem();

    public static TestCa Root(string commonName, RSA key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = CaRequest(commonName, key, nameConstraints: null);
        return new TestCa(request.CreateSelfSigned(notBefore, notAfter), key);
    }

    /// <summary>A CA certificate for <paramref name="commonName"/> and <paramref name="key"/>, signed by <paramref name="issuer"/> (a cross-certificate when the name is a root's).</summary>
    public static TestCa Issued(string commonName, RSA key, TestCa issuer, DateTimeOffset notBefore, DateTimeOffset notAfter, byte[]? nameConstraints = null)
    {
        var request = CaRequest(commonName, key, nameConstraints);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return new TestCa(request.Create(issuer.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1), notBefore, notAfter, Serial()), key);
    }

    /// <summary>A TLS server certificate with the given subject and subjectAltName entries (DNS names, or IP addresses where the text is one).</summary>
    public X509Certificate2 IssueServer(string subject, RSA key, IEnumerable<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(Rules.RuleCertificates.SubjectAltName(names));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(Key, RSASignaturePadding.Pkcs1), notBefore, notAfter, Serial());
    }

    /// <summary>A nameConstraints value permitting DNS names under <paramref name="dnsNames"/> and the IPv4 networks <paramref name="networks"/> ("192.0.2.0/24").</summary>
    public static byte[] Permitted(string[] dnsNames, string[]? networks = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                foreach (var name in dnsNames)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
                    }
                }

                foreach (var network in networks ?? [])
                {
                    var (address, prefix) = (System.Net.IPAddress.Parse(network.Split('/')[0]).GetAddressBytes(), int.Parse(network.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));
                    var mask = BitConverter.GetBytes(uint.MaxValue << (32 - prefix)).Reverse().ToArray();
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString([.. address, .. mask], new Asn1Tag(TagClass.ContextSpecific, 7));
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static CertificateRequest CaRequest(string commonName, RSA key, byte[]? nameConstraints)
    {
        var request = new CertificateRequest($"CN={commonName}, O=Path Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (nameConstraints is not null)
        {
            request.CertificateExtensions.Add(new X509Extension("2.5.29.30", nameConstraints, critical: true));
        }

        return request;
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12) is var bytes ? [0x01, .. bytes] : [];
}
