using System.Security.Cryptography;

namespace CertManager.Core.Fleet;

/// <summary>
/// The key types of the fleet, chosen here once: ECDSA P-256 signs (the edge's identity, a follower's requests),
/// RSA 3072 receives bundles (RSAES-OAEP key transport). Each key has one job.
/// </summary>
internal static class FleetKeys
{
    public const int EncryptionKeySize = 3072;

    public static ECDsa NewSigningKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static RSA NewEncryptionKey() => RSA.Create(EncryptionKeySize);

    /// <summary>Whether the two public keys a follower registers are of the expected types and sizes.</summary>
    public static bool AreAcceptable(byte[] signingKey, byte[] encryptionKey)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(signingKey, out var read);
            if (read != signingKey.Length || ecdsa.KeySize != 256 || ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return false;
            }

            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(encryptionKey, out read);
            return read == encryptionKey.Length && rsa.KeySize >= EncryptionKeySize;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static ECDsa ImportSigningKey(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    public static RSA ImportEncryptionKey(byte[] pkcs8)
    {
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
