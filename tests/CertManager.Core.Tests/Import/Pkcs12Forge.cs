using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BcPbeParametersGenerator = Org.BouncyCastle.Crypto.PbeParametersGenerator;

namespace CertManager.Core.Tests.Import;

/// <summary>
/// PKCS#12 files that this machine's openssl (3.0) cannot write, made with BouncyCastle from openssl's own output:
/// a PBMAC1 integrity check (RFC 9579, openssl 3.4+ writes it with -pbmac1_pbkdf2), and the broken files old NSS wrote.
/// Hand-made on purpose; every other file in the import tests comes from openssl.
/// </summary>
internal static class Pkcs12Forge
{
    /// <summary>Replaces the MAC of <paramref name="pfx"/> (written by openssl with -nomac) by PBMAC1 with PBKDF2 and HMAC-SHA256.</summary>
    public static byte[] WithPbmac1(byte[] pfx, string password, int iterations = 2048)
    {
        var parsed = Pfx.GetInstance(Asn1Object.FromByteArray(pfx));
        var content = Asn1OctetString.GetInstance(parsed.AuthSafe.Content).GetOctets();
        var salt = SecureRandom.GetNextBytes(new SecureRandom(), 16);
        var generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
        generator.Init(Encoding.UTF8.GetBytes(password), salt, iterations);
        var key = (KeyParameter)generator.GenerateDerivedMacParameters(256);
        var hmacSha256 = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdHmacWithSha256, DerNull.Instance);
        var kdf = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdPbkdf2, new Pbkdf2Params(salt, iterations, 32, hmacSha256));
        var algorithm = new AlgorithmIdentifier(new DerObjectIdentifier("1.2.840.113549.1.5.14"), new Pbmac1Params(kdf, hmacSha256));
        var mac = new MacData(new DigestInfo(algorithm, Hmac(new Sha256Digest(), key, content)), Encoding.ASCII.GetBytes("NOT USED"), 1);
        return new Pfx(parsed.AuthSafe, mac).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>
    /// A file as old NSS wrote it: the certificate in the clear, the key encrypted with PBES2/AES-256-CBC under
    /// <paramref name="keyPassword"/> (old NSS: the password followed by a NUL), and the classic SHA-256 MAC under
    /// <paramref name="macPassword"/>.
    /// </summary>
    public static byte[] NssStyle(byte[] certificateDer, byte[] pkcs8, string macPassword, string keyPassword)
    {
        var certificateBag = new SafeBag(PkcsObjectIdentifiers.CertBag, new CertBag(PkcsObjectIdentifiers.X509Certificate, new DerOctetString(certificateDer)));
        var encryptedKey = EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
            NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, keyPassword.ToCharArray(),
            SecureRandom.GetNextBytes(new SecureRandom(), 8), 2048, new SecureRandom(), PrivateKeyInfo.GetInstance(pkcs8));
        var keyBag = new SafeBag(PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag, encryptedKey);
        var safeContents = new DerSequence(certificateBag, keyBag).GetEncoded(Asn1Encodable.Der);
        var authenticatedSafe = new DerSequence(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(safeContents))).GetEncoded(Asn1Encodable.Der);

        var salt = SecureRandom.GetNextBytes(new SecureRandom(), 8);
        var generator = new Pkcs12ParametersGenerator(new Sha256Digest());
        generator.Init(BcPbeParametersGenerator.Pkcs12PasswordToBytes(macPassword.ToCharArray()), salt, 2048);
        var key = (KeyParameter)generator.GenerateDerivedMacParameters(256);
        var digest = new DigestInfo(new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance), Hmac(new Sha256Digest(), key, authenticatedSafe));
        return new Pfx(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(authenticatedSafe)), new MacData(digest, salt, 2048)).GetEncoded(Asn1Encodable.Der);
    }

    private static byte[] Hmac(Org.BouncyCastle.Crypto.IDigest digest, KeyParameter key, byte[] content)
    {
        var hmac = new HMac(digest);
        hmac.Init(key);
        hmac.BlockUpdate(content, 0, content.Length);
        var result = new byte[hmac.GetMacSize()];
        hmac.DoFinal(result, 0);
        return result;
    }
}
