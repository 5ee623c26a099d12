using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Import;

/// <summary>
/// Reads private keys: PKCS#8 plain and encrypted (RFC 5958), PKCS#1 (<c>RSA PRIVATE KEY</c>), SEC 1
/// (<c>EC PRIVATE KEY</c>) and OpenSSL's traditional encrypted PEM (<c>Proc-Type: 4,ENCRYPTED</c>).
/// Decrypted key bytes are zeroed as soon as the key object holds them.
/// </summary>
internal sealed class PrivateKeyReader(ImportOptions options)
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public KeyReadOutcome ReadPem(PemBlock block, string source, string? password)
    {
        if (block.IsEncryptedTraditionalKey)
        {
            return ReadWithBouncyCastle(block, source, password);
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(block.Base64Body);
        }
        catch (FormatException)
        {
            return ImportErrors.PemBlockUnreadable(source, block.Label, "its base64 text is damaged");
        }

        try
        {
            return block.Label switch
            {
                "PRIVATE KEY" => ReadPkcs8(der, source),
                "ENCRYPTED PRIVATE KEY" => ReadEncryptedPkcs8(der, source, password),
                "RSA PRIVATE KEY" => ReadPkcs1(der, source),
                "EC PRIVATE KEY" => ReadSec1(der, source),
                "DSA PRIVATE KEY" => ReadWithBouncyCastle(block, source, password),
                _ => ImportErrors.NotACertificate(source, block.Label),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Reads a DER key whose kind is unknown; null when the bytes are not a private key at all.</summary>
    public KeyReadOutcome? TryReadDer(byte[] der, string source, string? password)
    {
        if (LooksLikePkcs8(der))
        {
            return ReadPkcs8(der, source);
        }

        if (KdfIterationGuard.ReadIterations(der) is not null)
        {
            return ReadEncryptedPkcs8(der, source, password);
        }

        if (LooksLikePkcs1(der))
        {
            return ReadPkcs1(der, source);
        }

        return null;
    }

    /// <summary>A PKCS#8 PrivateKeyInfo: RSA and EC keys are read; other algorithms are named and reported as not RSA.</summary>
    internal static KeyReadOutcome ReadPkcs8(byte[] der, string source)
    {
        try
        {
            var algorithmOid = ReadPkcs8AlgorithmOid(der);
            switch (algorithmOid)
            {
                case RsaOid:
                    var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(der, out _);
                    return new ImportedKey(rsa, "RSA", rsa.KeySize, source);
                case EcOid:
                    var ec = ECDsa.Create();
                    ec.ImportPkcs8PrivateKey(der, out _);
                    return new ImportedKey(ec, "EC", ec.KeySize, source);
                default:
                    if (NonRsaKeyAlgorithms.NameOf(algorithmOid) is { } name)
                    {
                        var bits = NonRsaKeyAlgorithms.BitsOf(der);
                        return new KeyReadOutcome(new ImportedKey(null, name, bits, source), ImportErrors.KeyNotRsa(source, name, bits));
                    }

                    return ImportErrors.Unreadable(source, "a PKCS#8 private key", $"its algorithm {algorithmOid} is not a key algorithm");
            }
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or PlatformNotSupportedException)
        {
            // PlatformNotSupported: an EC key on a curve this platform does not know (or a damaged curve OID).
            return ImportErrors.Unreadable(source, "a PKCS#8 private key", exception.Message.TrimEnd('.'));
        }
    }

    private KeyReadOutcome ReadEncryptedPkcs8(byte[] der, string source, string? password)
    {
        var iterations = KdfIterationGuard.ReadIterations(der);
        if (iterations is null)
        {
            return ImportErrors.Unreadable(source, "an encrypted PKCS#8 private key", "its encryption parameters are damaged");
        }

        if (iterations > options.MaxKdfIterations || iterations < 1)
        {
            return ImportErrors.KdfIterationsTooHigh(source, iterations.Value, options.MaxKdfIterations);
        }

        // Decrypted here rather than by the platform, so that Blowfish, CAST5, RC4 and AES in any mode are read, and a wrong
        // password is told from a damaged file by the padding check.
        EncryptedPrivateKeyInfo info;
        try
        {
            info = EncryptedPrivateKeyInfo.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(der));
        }
        catch (Exception exception) when (Pkcs12BundleReader.IsDecodeFailure(exception))
        {
            return ImportErrors.Unreadable(source, "an encrypted PKCS#8 private key", "its structure is damaged");
        }

        var outcome = PasswordBasedCipher.Decrypt(info.EncryptionAlgorithm, info.GetEncryptedData(), password ?? string.Empty, Pkcs12BundleReader.IsPrivateKeyInfo);
        switch (outcome.Status)
        {
            case PasswordBasedCipher.Status.Decrypted:
                try
                {
                    return ReadPkcs8(outcome.Plain!, source);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(outcome.Plain);
                }

            case PasswordBasedCipher.Status.Unsupported:
                return ImportErrors.EncryptionUnsupported(source, PasswordBasedCipher.NameOf(info.EncryptionAlgorithm));
            case PasswordBasedCipher.Status.BadPadding or PasswordBasedCipher.Status.NotParsable when string.IsNullOrEmpty(password):
                // The empty password was tried and did not open it: the key is protected by a password.
                return ImportErrors.PasswordRequired(source);
            case PasswordBasedCipher.Status.BadPadding:
                return ImportErrors.PasswordIncorrectOrRequired(source, password);
            case PasswordBasedCipher.Status.NotParsable:
                return ImportErrors.PasswordIncorrectOrDamaged(source, password);
            default:
                return ImportErrors.Unreadable(source, "an encrypted PKCS#8 private key", "its encryption parameters are damaged");
        }
    }

    private static KeyReadOutcome ReadPkcs1(byte[] der, string source)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out _);
            return new ImportedKey(rsa, "RSA", rsa.KeySize, source);
        }
        catch (CryptographicException exception)
        {
            return ImportErrors.Unreadable(source, "an RSA private key", exception.Message.TrimEnd('.'));
        }
    }

    private static KeyReadOutcome ReadSec1(byte[] der, string source)
    {
        try
        {
            var ec = ECDsa.Create();
            ec.ImportECPrivateKey(der, out _);
            return new ImportedKey(ec, "EC", ec.KeySize, source);
        }
        catch (Exception exception) when (exception is CryptographicException or PlatformNotSupportedException)
        {
            return ImportErrors.Unreadable(source, "an EC private key", exception.Message.TrimEnd('.'));
        }
    }

    /// <summary>
    /// What only BouncyCastle reads: OpenSSL's pre-PKCS#8 encryption (RFC 1421 headers, EVP_BytesToKey) of any key, and the
    /// traditional <c>DSA PRIVATE KEY</c>.
    /// </summary>
    private static KeyReadOutcome ReadWithBouncyCastle(PemBlock block, string source, string? password)
    {
        var encrypted = block.IsEncryptedTraditionalKey;
        if (encrypted && string.IsNullOrEmpty(password))
        {
            return ImportErrors.PasswordRequired(source);
        }

        try
        {
            using var reader = new StringReader(block.Text);
            var parsed = new PemReader(reader, encrypted ? new FixedPassword(password!) : null).ReadObject();
            var privateKey = parsed switch
            {
                AsymmetricCipherKeyPair pair => pair.Private,
                AsymmetricKeyParameter { IsPrivate: true } single => single,
                _ => null,
            };
            if (privateKey is null)
            {
                return ImportErrors.Unreadable(source, "a private key", "it holds no private key");
            }

            var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();
            try
            {
                return ReadPkcs8(pkcs8, source);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }
        catch (Exception exception) when (exception is InvalidCipherTextException or PemException or IOException or ArgumentException or InvalidOperationException or SecurityUtilityException
            or IndexOutOfRangeException or FormatException)
        {
            // Bad padding proves a wrong password; anything else (a damaged DEK-Info header or body makes BouncyCastle's PEM
            // reader fail with IndexOutOfRange/Format, found by fuzzing) may be either.
            return !encrypted ? ImportErrors.Unreadable(source, "a private key", exception.Message.TrimEnd('.'))
                : CausedByPadding(exception) ? ImportErrors.PasswordIncorrect(source)
                : ImportErrors.PasswordIncorrectOrDamaged(source, password);
        }
    }

    private static bool CausedByPadding(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is InvalidCipherTextException || current.Message.Contains("pad block corrupted", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string ReadPkcs8AlgorithmOid(byte[] der)
    {
        var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
        info.ReadInteger();
        return info.ReadSequence().ReadObjectIdentifier();
    }

    private static bool LooksLikePkcs8(byte[] der)
    {
        try
        {
            ReadPkcs8AlgorithmOid(der);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>RSAPrivateKey ::= SEQUENCE { version INTEGER, modulus INTEGER, ... } (RFC 8017 A.1.2).</summary>
    private static bool LooksLikePkcs1(byte[] der)
    {
        try
        {
            var key = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            key.ReadInteger();
            key.ReadInteger();
            return key.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private sealed class FixedPassword(string password) : IPasswordFinder
    {
        public char[] GetPassword() => password.ToCharArray();
    }
}
