using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain.Rules;

/// <summary>What the key rules need from a subjectPublicKeyInfo (RFC 3279, RFC 5480), read without loading the key.</summary>
internal static class PublicKeyFacts
{
    public static bool IsRsa(X509Certificate2 certificate) => certificate.PublicKey.Oid.Value == Oids.RsaEncryption;

    /// <summary>
    /// The exact bit length of the RSA modulus (RFC 8017 RSAPublicKey), e.g. 2049 or 2044: the platform's key size
    /// rounds to whole bytes. Strict DER, so that a damaged key is refused here as the platform's loader would refuse it.
    /// </summary>
    public static int RsaModulusBits(X509Certificate2 certificate)
    {
        var outer = new AsnReader(certificate.PublicKey.EncodedKeyValue.RawData, AsnEncodingRules.DER);
        var key = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var modulus = key.ReadInteger();
        var exponent = key.ReadInteger();
        key.ThrowIfNotEmpty();
        return modulus.Sign <= 0 || exponent.Sign <= 0
            ? throw new CryptographicException("The RSA public key's modulus and exponent must be positive.")
            : (int)modulus.GetBitLength();
    }

    /// <summary>The named curve of an EC key (RFC 5480 ECParameters namedCurve), or null for explicit or missing parameters.</summary>
    public static string? NamedCurve(X509Certificate2 certificate)
    {
        var parameters = certificate.PublicKey.EncodedParameters?.RawData ?? [];
        if (parameters.Length == 0)
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            return reader.PeekTag() == Asn1Tag.ObjectIdentifier ? reader.ReadObjectIdentifier() : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Security strength in bits (NIST SP 800-57 Part 1 table 2), to rank otherwise equal paths.</summary>
    public static int StrengthBits(X509Certificate2 certificate)
    {
        if (IsRsa(certificate))
        {
            var bits = RsaModulusBits(certificate);
            return bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112 : 80;
        }

        return NamedCurve(certificate) switch
        {
            Oids.P256 => 128,
            Oids.P384 => 192,
            Oids.P521 => 256,
            _ => 0,
        };
    }
}
