using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Chain.Rules;

namespace CertManager.Core.Tests.Chain.Rules;

/// <summary>
/// Certificates for the rule tests, made at run time with .NET's <see cref="CertificateRequest"/>: a root, an issuing
/// CA under it, and leaves described by a <see cref="LeafSpec"/> (any subject key, including ones .NET cannot generate,
/// such as a 2049-bit RSA modulus, is written as a SubjectPublicKeyInfo and signed by the issuing CA). Shared by every
/// rule test through the collection, so that the three real keys are generated once.
/// </summary>
public sealed class RuleCertificates : IDisposable
{
    public const string Collection = "Rule certificates";

    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _issuerKey = RSA.Create(2048);
    private readonly RSA _leafKey = RSA.Create(2048);
    private int _serial = 0x1000;

    public RuleCertificates()
    {
        Root = MakeCa("CN=Rule Test Root, O=CertManager Tests", _rootKey, signer: null, withSubjectKeyId: true);
        Issuer = MakeCa("CN=Rule Test Issuing CA, O=CertManager Tests", _issuerKey, signer: (Root, _rootKey), withSubjectKeyId: true);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Issuer { get; }

    public static DateTimeOffset Now { get; } = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A leaf signed by the issuing CA as <paramref name="spec"/> describes it.</summary>
    public X509Certificate2 Leaf(LeafSpec? spec = null)
    {
        spec ??= new LeafSpec();
        var publicKey = spec.PublicKey ?? PublicKey.CreateFromSubjectPublicKeyInfo(_leafKey.ExportSubjectPublicKeyInfo(), out _);
        var request = new CertificateRequest(new X500DistinguishedName(spec.Subject), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(spec.CertificateAuthority, false, 0, critical: true));
        if (spec.DnsNames is not null)
        {
            request.CertificateExtensions.Add(SubjectAltName(spec.DnsNames, spec.SanCritical));
        }

        if (spec.Usages is not null)
        {
            var usages = new OidCollection();
            foreach (var usage in spec.Usages)
            {
                usages.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        }

        if (spec.AuthorityKeyId)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }

        foreach (var extension in spec.Extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        var notBefore = spec.NotBefore ?? Now.AddDays(-1);
        var notAfter = spec.NotAfter ?? notBefore.AddDays(90);
        var generator = spec.Sha1 ? new Sha1RsaSignatureGenerator(_issuerKey) : X509SignatureGenerator.CreateForRSA(_issuerKey, RSASignaturePadding.Pkcs1);
        return request.Create(Issuer.SubjectName, generator, notBefore, notAfter, spec.Serial ?? NextSerial());
    }

    /// <summary>A self-signed root, optionally with an Extended Key Usage.</summary>
    public X509Certificate2 SelfSignedRoot(string subject, string[]? usages = null)
    {
        var request = new CertificateRequest(subject, _rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (usages is not null)
        {
            var collection = new OidCollection();
            foreach (var usage in usages)
            {
                collection.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, critical: false));
        }

        return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(10));
    }

    /// <summary>A CA certificate under the root, optionally without a subjectKeyIdentifier.</summary>
    public X509Certificate2 IntermediateCa(string subject, bool withSubjectKeyId) => MakeCa(subject, _issuerKey, (Root, _rootKey), withSubjectKeyId);

    /// <summary>The path a rule sees: the certificate, the issuing CA and the root.</summary>
    public IReadOnlyList<X509Certificate2> PathOf(X509Certificate2 leaf) => [leaf, Issuer, Root];

    /// <summary>An RSA SubjectPublicKeyInfo with a modulus of exactly <paramref name="bits"/> bits (not a usable key: rules read sizes only).</summary>
    public static PublicKey RsaPublicKeyOfBits(int bits)
    {
        var modulus = new byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(modulus);
        var topBits = bits % 8 == 0 ? 8 : bits % 8;
        modulus[0] &= (byte)((1 << topBits) - 1);
        modulus[0] |= (byte)(1 << (topBits - 1));
        modulus[^1] |= 1;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(modulus);
            writer.WriteInteger(65537);
        }

        return new PublicKey(new Oid("1.2.840.113549.1.1.1"), new AsnEncodedData([0x05, 0x00]), new AsnEncodedData(writer.Encode()));
    }

    /// <summary>A subjectAltName of DNS names (IP addresses where the text is one), written byte for byte as given.</summary>
    public static X509Extension SubjectAltName(IEnumerable<string> names, bool critical = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var name in names)
            {
                if (System.Net.IPAddress.TryParse(name, out var address))
                {
                    writer.WriteOctetString(address.GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
                }
                else
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
                }
            }
        }

        return new X509Extension(Oids.SubjectAltName, writer.Encode(), critical);
    }

    /// <summary>A nameConstraints extension permitting the given DNS names (RFC 5280 §4.2.1.10).</summary>
    public static X509Extension PermittedDnsNames(params string[] names)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                foreach (var name in names)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
                    }
                }
            }
        }

        return new X509Extension(Oids.NameConstraints, writer.Encode(), critical: true);
    }

    /// <summary>Runs one rule over a path as the doctor does, naming certificates by subject.</summary>
    internal static List<ChainFinding> Run(DoctorRule rule, IReadOnlyList<X509Certificate2> path, TrustProfile profile = TrustProfile.PublicTrust) =>
        RuleSet.Run(path, profile, c => c.Subject, [rule]);

    public void Dispose()
    {
        Root.Dispose();
        Issuer.Dispose();
        _rootKey.Dispose();
        _issuerKey.Dispose();
        _leafKey.Dispose();
    }

    private byte[] NextSerial()
    {
        var serial = Interlocked.Increment(ref _serial);
        return [0x01, (byte)(serial >> 16), (byte)(serial >> 8), (byte)serial];
    }

    private X509Certificate2 MakeCa(string subject, RSA key, (X509Certificate2 Certificate, RSA Key)? signer, bool withSubjectKeyId)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        if (withSubjectKeyId)
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        }

        if (signer is not { } issuer)
        {
            return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(10));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(issuer.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1), Now.AddYears(-1), Now.AddYears(5), NextSerial());
        return issued.CopyWithPrivateKey(key);
    }
}
