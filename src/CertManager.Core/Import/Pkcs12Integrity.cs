using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BigInteger = System.Numerics.BigInteger;

namespace CertManager.Core.Import;

/// <summary>
/// The password integrity check of a PKCS#12 file: the classic HMAC keyed by the PKCS#12 KDF (RFC 7292 appendix B) with
/// any digest BouncyCastle knows, and PBMAC1 (RFC 9579: PBKDF2 then HMAC). A MAC that does not verify is the proof that
/// the password is wrong.
/// </summary>
internal static class Pkcs12Integrity
{
    private const string Pbmac1Oid = "1.2.840.113549.1.5.14";

    private static readonly Dictionary<string, HashAlgorithmName> HmacAlgorithms = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.2.7"] = HashAlgorithmName.SHA1,
        ["1.2.840.113549.2.9"] = HashAlgorithmName.SHA256,
        ["1.2.840.113549.2.10"] = HashAlgorithmName.SHA384,
        ["1.2.840.113549.2.11"] = HashAlgorithmName.SHA512,
    };

    /// <summary>MAC digests the platform hashes natively, with their block size (RFC 7292 B.2's v).</summary>
    private static readonly Dictionary<string, (HashAlgorithmName Name, int BlockSize)> NativeDigests = new(StringComparer.Ordinal)
    {
        ["1.3.14.3.2.26"] = (HashAlgorithmName.SHA1, 64),
        ["2.16.840.1.101.3.4.2.1"] = (HashAlgorithmName.SHA256, 64),
        ["2.16.840.1.101.3.4.2.2"] = (HashAlgorithmName.SHA384, 128),
        ["2.16.840.1.101.3.4.2.3"] = (HashAlgorithmName.SHA512, 128),
    };

    public enum Status
    {
        Verified,
        Mismatch,
        Unsupported,
    }

    /// <summary>"PBMAC1" or the digest's name, for messages.</summary>
    public static string NameOf(MacData mac)
    {
        var oid = mac.Mac.DigestAlgorithm.Algorithm.Id;
        return oid == Pbmac1Oid ? "PBMAC1" : $"HMAC with {DigestUtilities.GetAlgorithmName(mac.Mac.DigestAlgorithm.Algorithm) ?? oid}";
    }

    /// <summary>The iteration count the MAC's key derivation asks for. Throws a decode failure when its parameters are damaged.</summary>
    public static BigInteger IterationsOf(MacData mac)
    {
        var iterations = mac.Mac.DigestAlgorithm.Algorithm.Id == Pbmac1Oid
            ? Pbkdf2Of(mac).IterationCount
            : mac.IterationCount;
        return BigInteger.Parse(iterations.ToString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Checks the MAC over the authenticated safe with each form of the password writers use (RFC 7292 B.1: BMPString and a NUL).</summary>
    public static Status Verify(MacData mac, byte[] authenticatedSafe, string password)
    {
        var expected = mac.Mac.Digest.GetOctets();
        return mac.Mac.DigestAlgorithm.Algorithm.Id == Pbmac1Oid
            ? VerifyPbmac1(mac, authenticatedSafe, password, expected)
            : VerifyClassic(mac, authenticatedSafe, password, expected);
    }

    private static Status VerifyClassic(MacData mac, byte[] authenticatedSafe, string password, byte[] expected)
    {
        var digestOid = mac.Mac.DigestAlgorithm.Algorithm;
        Org.BouncyCastle.Crypto.IDigest digest;
        try
        {
            digest = DigestUtilities.GetDigest(digestOid);
        }
        catch (SecurityUtilityException)
        {
            return Status.Unsupported;
        }

        var forms = new List<byte[]> { Org.BouncyCastle.Crypto.PbeParametersGenerator.Pkcs12PasswordToBytes(password.ToCharArray()) };
        if (password.Length == 0)
        {
            // An empty password is written either as no octets or as the two-octet NUL terminator alone.
            forms.Add(Org.BouncyCastle.Crypto.PbeParametersGenerator.Pkcs12PasswordToBytes(password.ToCharArray(), wrongPkcs12Zero: true));
        }

        var iterations = mac.IterationCount.IntValueExact;
        NativeDigests.TryGetValue(digestOid.Id, out var native);
        foreach (var form in forms)
        {
            if (native.Name.Name is not null)
            {
                var macKey = DeriveMacKey(native.Name, native.BlockSize, form, mac.GetSalt(), iterations);
                var result = CryptographicOperations.HmacData(native.Name, macKey, authenticatedSafe);
                CryptographicOperations.ZeroMemory(macKey);
                Array.Clear(form);
                if (CryptographicOperations.FixedTimeEquals(result, expected))
                {
                    return Status.Verified;
                }

                continue;
            }

            var generator = new Pkcs12ParametersGenerator(DigestUtilities.GetDigest(digestOid));
            generator.Init(form, mac.GetSalt(), iterations);
            var key = (KeyParameter)generator.GenerateDerivedMacParameters(digest.GetDigestSize() * 8);
            var hmac = new HMac(DigestUtilities.GetDigest(digestOid));
            hmac.Init(key);
            hmac.BlockUpdate(authenticatedSafe, 0, authenticatedSafe.Length);
            var computed = new byte[hmac.GetMacSize()];
            hmac.DoFinal(computed, 0);
            Array.Clear(form);
            if (CryptographicOperations.FixedTimeEquals(computed, expected))
            {
                return Status.Verified;
            }
        }

        return Status.Mismatch;
    }

    /// <summary>RFC 9579 section 3: the key is PBKDF2 over the UTF-8 password with the keyLength given; the MacData salt and count are unused.</summary>
    private static Status VerifyPbmac1(MacData mac, byte[] authenticatedSafe, string password, byte[] expected)
    {
        var parameters = Pbmac1Params.GetInstance(mac.Mac.DigestAlgorithm.Parameters);
        var kdf = Pbkdf2Of(mac);
        var prf = kdf.IsDefaultPrf ? "1.2.840.113549.2.7" : kdf.Prf.Algorithm.Id;
        if (!HmacAlgorithms.TryGetValue(prf, out var prfHash)
            || !HmacAlgorithms.TryGetValue(parameters.MessageAuthScheme.Algorithm.Id, out var macHash)
            || kdf.KeyLength is null)
        {
            return Status.Unsupported;
        }

        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var key = Rfc2898DeriveBytes.Pbkdf2(passwordBytes, kdf.GetSalt(), kdf.IterationCount.IntValueExact, prfHash, kdf.KeyLength.IntValueExact);
        var computed = CryptographicOperations.HmacData(macHash, key, authenticatedSafe);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(passwordBytes);
        return CryptographicOperations.FixedTimeEquals(computed, expected) ? Status.Verified : Status.Mismatch;
    }

    /// <summary>
    /// The PKCS#12 KDF (RFC 7292 B.2) with ID 3 (MAC key) for one block of output, hashed natively: the MAC's thousands of
    /// iterations are most of the cost of opening a file.
    /// </summary>
    private static byte[] DeriveMacKey(HashAlgorithmName hash, int blockSize, byte[] password, byte[] salt, int iterations)
    {
        var input = new byte[blockSize + Repeated(salt.Length, blockSize) + Repeated(password.Length, blockSize)];
        input.AsSpan(0, blockSize).Fill(3);
        Fill(input.AsSpan(blockSize, Repeated(salt.Length, blockSize)), salt);
        Fill(input.AsSpan(blockSize + Repeated(salt.Length, blockSize)), password);
        var digest = new byte[HashSize(hash)];
        HashData(hash, input, digest);
        for (var round = 1; round < iterations; round++)
        {
            HashData(hash, digest, digest);
        }

        CryptographicOperations.ZeroMemory(input);
        return digest;
    }

    private static int Repeated(int length, int blockSize) => length == 0 ? 0 : (length + blockSize - 1) / blockSize * blockSize;

    private static void Fill(Span<byte> target, byte[] source)
    {
        for (var at = 0; at < target.Length; at += source.Length)
        {
            source.AsSpan(0, Math.Min(source.Length, target.Length - at)).CopyTo(target[at..]);
        }
    }

    private static int HashSize(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA1 ? 20 : hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;

    private static void HashData(HashAlgorithmName hash, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (hash == HashAlgorithmName.SHA1)
        {
#pragma warning disable CA5350 // The file's MAC was made with SHA-1 (the RFC 7292 default): checking it is not choosing it.
            SHA1.HashData(source, destination);
#pragma warning restore CA5350
        }
        else if (hash == HashAlgorithmName.SHA256)
        {
            SHA256.HashData(source, destination);
        }
        else if (hash == HashAlgorithmName.SHA384)
        {
            SHA384.HashData(source, destination);
        }
        else
        {
            SHA512.HashData(source, destination);
        }
    }

    private static Pbkdf2Params Pbkdf2Of(MacData mac)
    {
        var kdf = Pbmac1Params.GetInstance(mac.Mac.DigestAlgorithm.Parameters).KeyDerivationFunc;
        return kdf.Algorithm.Id == PkcsObjectIdentifiers.IdPbkdf2.Id
            ? Pbkdf2Params.GetInstance(kdf.Parameters)
            : throw new ArgumentException($"PBMAC1 key derivation {kdf.Algorithm.Id} is not PBKDF2");
    }
}
