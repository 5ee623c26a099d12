using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;

namespace CertManager.Core.Certificates;

/// <summary>
/// The private keys a server certificate can have, RSA or ECDSA, handled as one: read from PKCS#8, copied, paired
/// with their certificate and taken back out of it. Anything else is refused by the chain doctor before it gets here.
/// </summary>
internal static class PrivateKeys
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>The certificate's private key, or null when it has none.</summary>
    public static AsymmetricAlgorithm? Of(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();

    /// <summary>A copy of the certificate that carries <paramref name="key"/>.</summary>
    public static X509Certificate2 Attach(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
        _ => throw new ArgumentException($"A {key.GetType().Name} key cannot be installed: only RSA and ECDSA keys can.", nameof(key)),
    };

    /// <summary>An independent copy, so that the caller's key can be disposed separately.</summary>
    public static AsymmetricAlgorithm Copy(AsymmetricAlgorithm key)
    {
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return FromPkcs8(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Reads an unencrypted PKCS#8 PrivateKeyInfo (RFC 5958) holding an RSA or EC key.</summary>
    public static AsymmetricAlgorithm FromPkcs8(byte[] pkcs8)
    {
        AsymmetricAlgorithm key = AlgorithmOid(pkcs8) switch
        {
            RsaOid => RSA.Create(),
            EcPublicKeyOid => ECDsa.Create(),
            var other => throw new CryptographicException($"The stored key has algorithm {other}; only RSA and EC keys are kept."),
        };
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>"RSA" or "EC", as certificate details and key summaries name a key's algorithm.</summary>
    public static string AlgorithmName(AsymmetricAlgorithm key) => key is ECDsa ? "EC" : "RSA";

    private static string AlgorithmOid(byte[] pkcs8)
    {
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, ... }
        var info = new AsnReader(pkcs8, AsnEncodingRules.BER).ReadSequence();
        info.ReadInteger();
        return info.ReadSequence().ReadObjectIdentifier();
    }
}
