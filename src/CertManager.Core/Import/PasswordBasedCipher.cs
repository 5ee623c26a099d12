using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using BigInteger = System.Numerics.BigInteger;

namespace CertManager.Core.Import;

/// <summary>
/// Password-based decryption of PKCS#12 bags and encrypted PKCS#8 keys with BouncyCastle, which reads far more than the
/// platform: PBES2 (RFC 8018 6.2) with AES in any mode, 3DES, DES, RC2, RC4, Blowfish, CAST5, Camellia, ARIA and SEED, and
/// the PKCS#12 PBEs (RFC 7292 B.2, appendix C). What it tells apart is what the importer reports: a cipher it cannot
/// read, a padding failure (which proves the password wrong), and a decryption whose output is not the structure expected.
/// </summary>
internal static class PasswordBasedCipher
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["2.16.840.1.101.3.4.1.1"] = "AES-128-ECB",
        ["2.16.840.1.101.3.4.1.2"] = "AES-128-CBC",
        ["2.16.840.1.101.3.4.1.3"] = "AES-128-OFB",
        ["2.16.840.1.101.3.4.1.4"] = "AES-128-CFB",
        ["2.16.840.1.101.3.4.1.21"] = "AES-192-ECB",
        ["2.16.840.1.101.3.4.1.22"] = "AES-192-CBC",
        ["2.16.840.1.101.3.4.1.23"] = "AES-192-OFB",
        ["2.16.840.1.101.3.4.1.24"] = "AES-192-CFB",
        ["2.16.840.1.101.3.4.1.41"] = "AES-256-ECB",
        ["2.16.840.1.101.3.4.1.42"] = "AES-256-CBC",
        ["2.16.840.1.101.3.4.1.43"] = "AES-256-OFB",
        ["2.16.840.1.101.3.4.1.44"] = "AES-256-CFB",
        ["2.16.840.1.101.3.4.1.6"] = "AES-128-GCM",
        ["2.16.840.1.101.3.4.1.46"] = "AES-256-GCM",
        ["1.2.840.113549.3.7"] = "3DES-CBC",
        ["1.3.14.3.2.7"] = "DES-CBC",
        ["1.2.840.113549.3.2"] = "RC2-CBC",
        ["1.2.840.113549.3.4"] = "RC4",
        ["1.3.6.1.4.1.3029.1.2"] = "Blowfish-CBC",
        ["1.2.840.113533.7.66.10"] = "CAST5-CBC",
        ["1.2.156.10197.1.104.2"] = "SM4-CBC",
        ["1.2.410.200004.1.4"] = "SEED-CBC",
        ["1.3.6.1.4.1.11591.4.11"] = "scrypt",
        ["1.2.840.113549.1.12.1.1"] = "pbeWithSHAAnd128BitRC4",
        ["1.2.840.113549.1.12.1.2"] = "pbeWithSHAAnd40BitRC4",
        ["1.2.840.113549.1.12.1.3"] = "pbeWithSHAAnd3-KeyTripleDES-CBC",
        ["1.2.840.113549.1.12.1.4"] = "pbeWithSHAAnd2-KeyTripleDES-CBC",
        ["1.2.840.113549.1.12.1.5"] = "pbeWithSHAAnd128BitRC2-CBC",
        ["1.2.840.113549.1.12.1.6"] = "pbeWithSHAAnd40BitRC2-CBC",
        ["1.2.840.113549.1.5.3"] = "pbeWithMD5AndDES-CBC",
        ["1.2.840.113549.1.5.10"] = "pbeWithSHA1AndDES-CBC",
    };

    public enum Status
    {
        Decrypted,

        /// <summary>BouncyCastle does not implement the cipher, its mode or its key derivation.</summary>
        Unsupported,

        /// <summary>Every password form failed the padding check: the password is wrong (or the last block damaged).</summary>
        BadPadding,

        /// <summary>Decryption ran but its output is not the expected structure: a wrong password with a cipher without padding, or damage.</summary>
        NotParsable,

        /// <summary>The algorithm parameters themselves cannot be read.</summary>
        Damaged,
    }

    /// <param name="Status">What happened.</param>
    /// <param name="Plain">The decrypted bytes when <see cref="Status.Decrypted"/>; the caller zeroes them.</param>
    /// <param name="NulTerminatedPassword">Read only with the password followed by a NUL, as old NSS wrote PBES2 (Mozilla bug 1757075).</param>
    public readonly record struct Outcome(Status Status, byte[]? Plain, bool NulTerminatedPassword);

    /// <summary>The cipher's name for messages ("Blowfish-CBC", "pbeWithSHAAnd40BitRC2-CBC"), or its OID.</summary>
    public static string NameOf(AlgorithmIdentifier algorithm)
    {
        var oid = algorithm.Algorithm.Id;
        if (oid == PkcsObjectIdentifiers.IdPbeS2.Id)
        {
            try
            {
                var parameters = PbeS2Parameters.GetInstance(algorithm.Parameters);
                var kdf = parameters.KeyDerivationFunc.Algorithm.Id;
                return kdf == PkcsObjectIdentifiers.IdPbkdf2.Id
                    ? NameOfOid(parameters.EncryptionScheme.Algorithm.Id)
                    : $"{NameOfOid(kdf)} with {NameOfOid(parameters.EncryptionScheme.Algorithm.Id)}";
            }
            catch (Exception exception) when (Pkcs12BundleReader.IsDecodeFailure(exception))
            {
                return "PBES2";
            }
        }

        return NameOfOid(oid);
    }

    /// <summary>
    /// The iteration count the algorithm asks for (PBKDF2 in PBES2, or the PKCS#5 v1 / PKCS#12 PBE parameters); null when the
    /// key derivation is not iteration-based. Throws a decode failure when the parameters are damaged.
    /// </summary>
    public static BigInteger? IterationsOf(AlgorithmIdentifier algorithm)
    {
        var oid = algorithm.Algorithm.Id;
        if (oid == PkcsObjectIdentifiers.IdPbeS2.Id)
        {
            var kdf = PbeS2Parameters.GetInstance(algorithm.Parameters).KeyDerivationFunc;
            return kdf.Algorithm.Id == PkcsObjectIdentifiers.IdPbkdf2.Id
                ? ToBigInteger(Pbkdf2Params.GetInstance(kdf.Parameters).IterationCount)
                : null;
        }

        if (oid.StartsWith("1.2.840.113549.1.12.1.", StringComparison.Ordinal))
        {
            return ToBigInteger(Pkcs12PbeParams.GetInstance(algorithm.Parameters).Iterations);
        }

        return ToBigInteger(PbeParameter.GetInstance(algorithm.Parameters).IterationCountObject.Value);
    }

    /// <summary>
    /// Decrypts with each form of the password a writer may have used, until <paramref name="accepts"/> takes the result:
    /// as given, the PKCS#12 empty-password variant (two zero octets or none), and for PBES2 the password with a trailing NUL.
    /// </summary>
    public static Outcome Decrypt(AlgorithmIdentifier algorithm, byte[] cipherText, string password, Func<byte[], bool> accepts)
    {
        IBufferedCipher cipher;
        try
        {
            if (PbeUtilities.CreateEngine(algorithm) is not IBufferedCipher created)
            {
                return new Outcome(Status.Unsupported, null, false);
            }

            cipher = created;
        }
        catch (SecurityUtilityException)
        {
            return new Outcome(Status.Unsupported, null, false);
        }

        var pbes2 = algorithm.Algorithm.Id == PkcsObjectIdentifiers.IdPbeS2.Id;
        var candidates = new List<(char[] Password, bool WrongPkcs12Zero, bool Nul)> { (password.ToCharArray(), false, false) };
        if (password.Length == 0 && !pbes2)
        {
            candidates.Add((password.ToCharArray(), true, false));
        }

        if (pbes2)
        {
            candidates.Add(((password + "\0").ToCharArray(), false, true));
        }

        var allBadPadding = true;
        foreach (var (candidate, wrongZero, nul) in candidates)
        {
            try
            {
                var parameters = pbes2 && Pbkdf2Parameters(algorithm, candidate) is { } derived
                    ? derived
                    : PbeUtilities.GenerateCipherParameters(algorithm, candidate, wrongZero);
                cipher.Init(false, parameters);
                var plain = cipher.DoFinal(cipherText);
                allBadPadding = false;
                if (accepts(plain))
                {
                    return new Outcome(Status.Decrypted, plain, nul);
                }

                Array.Clear(plain);
            }
            catch (InvalidCipherTextException)
            {
            }
            catch (SecurityUtilityException)
            {
                return new Outcome(Status.Unsupported, null, false);
            }
            catch (Exception exception) when (exception is DataLengthException || Pkcs12BundleReader.IsDecodeFailure(exception))
            {
                // Parameters that cannot be read (a damaged IV or salt), or a cipher text whose length the mode cannot take.
                return new Outcome(Status.Damaged, null, false);
            }
            finally
            {
                Array.Clear(candidate);
            }
        }

        return new Outcome(allBadPadding ? Status.BadPadding : Status.NotParsable, null, false);
    }

    /// <summary>
    /// PBES2 with PBKDF2, an HMAC the platform has and AES-CBC or 3DES-CBC (what OpenSSL 3 and Windows write): the key is derived natively (several times faster than managed code,
    /// which matters at hundreds of thousands of iterations), then the cipher's IV or parameters are read by BouncyCastle.
    /// Null for a PRF the platform lacks, which BouncyCastle then derives itself.
    /// </summary>
    private static ICipherParameters? Pbkdf2Parameters(AlgorithmIdentifier algorithm, char[] password)
    {
        var parameters = PbeS2Parameters.GetInstance(algorithm.Parameters);
        if (parameters.KeyDerivationFunc.Algorithm.Id != PkcsObjectIdentifiers.IdPbkdf2.Id)
        {
            return null;
        }

        // The common CBC ciphers whose parameters are just the IV; every other cipher goes through BouncyCastle entirely.
        if (parameters.EncryptionScheme.Algorithm.Id is not ("2.16.840.1.101.3.4.1.2" or "2.16.840.1.101.3.4.1.22" or "2.16.840.1.101.3.4.1.42" or "1.2.840.113549.3.7"))
        {
            return null;
        }

        var kdf = Pbkdf2Params.GetInstance(parameters.KeyDerivationFunc.Parameters);
        var prf = kdf.IsDefaultPrf ? PkcsObjectIdentifiers.IdHmacWithSha1.Id : kdf.Prf.Algorithm.Id;
        HashAlgorithmName? hash = prf switch
        {
            "1.2.840.113549.2.7" => HashAlgorithmName.SHA1,
            "1.2.840.113549.2.9" => HashAlgorithmName.SHA256,
            "1.2.840.113549.2.10" => HashAlgorithmName.SHA384,
            "1.2.840.113549.2.11" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null)
        {
            return null;
        }

        var scheme = parameters.EncryptionScheme;
        var keyBytes = kdf.KeyLength?.IntValueExact ?? GeneratorUtilities.GetKeyGenerator(scheme.Algorithm).DefaultStrength / 8;
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var key = Rfc2898DeriveBytes.Pbkdf2(passwordBytes, kdf.GetSalt(), kdf.IterationCount.IntValueExact, hash.Value, keyBytes);
        CryptographicOperations.ZeroMemory(passwordBytes);
        try
        {
            return ParameterUtilities.GetCipherParameters(scheme.Algorithm, ParameterUtilities.CreateKeyParameter(scheme.Algorithm, key), scheme.Parameters?.ToAsn1Object());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static string NameOfOid(string oid) => Names.GetValueOrDefault(oid) ?? new Oid(oid).FriendlyName ?? oid;

    private static BigInteger ToBigInteger(Org.BouncyCastle.Math.BigInteger value) => BigInteger.Parse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture);
}
