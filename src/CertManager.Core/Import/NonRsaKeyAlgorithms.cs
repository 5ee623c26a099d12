using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Import;

/// <summary>
/// Private-key algorithms other than RSA (and EC, which the platform holds as ECDsa), named so that an upload of one is
/// reported as "not RSA" with its algorithm rather than as an unreadable file. An OID not listed is no key algorithm.
/// </summary>
internal static class NonRsaKeyAlgorithms
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1.2.840.10040.4.1"] = "DSA",
        ["1.2.840.10046.2.1"] = "DH",
        ["1.2.840.113549.1.3.1"] = "DH",
        ["1.2.840.113549.1.1.10"] = "RSA-PSS",
        ["1.2.840.113549.1.1.7"] = "RSA-OAEP",
        ["1.3.101.110"] = "X25519",
        ["1.3.101.111"] = "X448",
        ["1.3.101.112"] = "Ed25519",
        ["1.3.101.113"] = "Ed448",
        ["1.2.643.2.2.19"] = "GOST R 34.10-2001",
        ["1.2.643.7.1.1.1.1"] = "GOST R 34.10-2012",
        ["1.2.643.7.1.1.1.2"] = "GOST R 34.10-2012",
        ["2.16.840.1.101.3.4.3.17"] = "ML-DSA-44",
        ["2.16.840.1.101.3.4.3.18"] = "ML-DSA-65",
        ["2.16.840.1.101.3.4.3.19"] = "ML-DSA-87",
    };

    public static string? NameOf(string oid) => Names.GetValueOrDefault(oid);

    /// <summary>The key's size in bits as openssl reports it, or 0 when BouncyCastle cannot read the key.</summary>
    public static int BitsOf(byte[] pkcs8)
    {
        try
        {
            return PrivateKeyFactory.CreateKey(pkcs8) switch
            {
                DsaPrivateKeyParameters dsa => dsa.Parameters.P.BitLength,
                DHPrivateKeyParameters dh => dh.Parameters.P.BitLength,
                RsaKeyParameters rsa => rsa.Modulus.BitLength,
                Ed25519PrivateKeyParameters or X25519PrivateKeyParameters => 256,
                Ed448PrivateKeyParameters => 456,
                X448PrivateKeyParameters => 448,
                _ => 0,
            };
        }
        catch (Exception exception) when (exception is SecurityUtilityException || Pkcs12BundleReader.IsDecodeFailure(exception))
        {
            return 0;
        }
    }
}
