using CertManager.Core.Results;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using BigInteger = System.Numerics.BigInteger;

namespace CertManager.Core.Import;

/// <summary>
/// Opens PKCS#12/PFX files (RFC 7292) itself, so that each failure names its true cause: a damaged structure, a cipher or
/// MAC it cannot read, a wrong password (proven by the MAC, or by the padding when there is no MAC), or a file whose MAC
/// accepts the password while its contents do not decrypt (old NSS). Every key derivation is checked against the
/// iteration limit with the count that bag or MAC really asks for, before it runs.
/// </summary>
internal sealed class Pkcs12BundleReader
{
    private const int MaxCertificates = 64;
    private const int MaxKeys = 8;
    private const int MaxNesting = 4;

    private readonly string _source;
    private readonly string _password;
    private readonly string? _givenPassword;
    private readonly int _maxIterations;
    private readonly List<byte[]> _certificates = [];
    private readonly List<byte[]> _keys = [];
    private BigInteger _totalIterations;
    private bool _macVerified;
    private bool _nulTerminatedPassword;

    private Pkcs12BundleReader(string source, string? password, int maxIterations)
    {
        _source = source;
        _givenPassword = password;
        _password = password ?? string.Empty;
        _maxIterations = maxIterations;
    }

    /// <summary>The DER certificates and PKCS#8 keys read (the caller zeroes the keys), notes, or the problem that stopped reading.</summary>
    public sealed record Outcome(IReadOnlyList<byte[]> Certificates, IReadOnlyList<byte[]> Keys, IReadOnlyList<Problem> Notes, Problem? Problem);

    /// <summary>
    /// PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo (data or signedData), ... }: recognised from its first
    /// octets, so that a truncated or damaged file is still reported as a damaged PKCS#12 rather than as something else.
    /// </summary>
    public static bool LooksLikePkcs12(ReadOnlySpan<byte> content)
    {
        if (content.Length < 8 || content[0] != 0x30)
        {
            return false;
        }

        var at = 1 + LengthOctets(content[1]);
        ReadOnlySpan<byte> data = [0x02, 0x01, 0x03, 0x30];
        if (content.Length < at + data.Length + 1 || !content.Slice(at, data.Length).SequenceEqual(data))
        {
            return false;
        }

        at += data.Length + LengthOctets(content[at + data.Length]);
        ReadOnlySpan<byte> pkcs7 = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];
        return content.Length >= at + pkcs7.Length + 1 && content.Slice(at, pkcs7.Length).SequenceEqual(pkcs7) && content[at + pkcs7.Length] is 0x01 or 0x02;
    }

    public static Outcome Read(byte[] content, string source, string? password, int maxIterations) =>
        new Pkcs12BundleReader(source, password, maxIterations).Read(content);

    /// <summary>The exceptions BouncyCastle's ASN.1 layer throws for bytes that are not the structure asked for.</summary>
    internal static bool IsDecodeFailure(Exception exception) =>
        exception is IOException or ArgumentException or InvalidCastException or InvalidOperationException or FormatException
            or IndexOutOfRangeException or OverflowException or ArithmeticException or Asn1Exception;

    private Outcome Read(byte[] content)
    {
        Problem? problem;
        try
        {
            problem = ReadPfx(content);
        }
        catch (Exception exception) when (IsDecodeFailure(exception))
        {
            problem = Damaged($"its structure is damaged or truncated ({exception.Message.TrimEnd('.')})");
        }

        if (problem is not null)
        {
            foreach (var key in _keys)
            {
                Array.Clear(key);
            }

            return new Outcome([], [], [], problem);
        }

        return new Outcome(_certificates, _keys, _nulTerminatedPassword ? [ImportErrors.Pkcs12NulTerminatedPassword(_source)] : [], null);
    }

    private Problem? ReadPfx(byte[] content)
    {
        var pfx = Pfx.GetInstance(Asn1Object.FromByteArray(content));
        if (!pfx.AuthSafe.ContentType.Equals(PkcsObjectIdentifiers.Data))
        {
            return ImportErrors.EncryptionUnsupported(_source, "public-key integrity mode (a signature instead of a password MAC)");
        }

        var authenticatedSafe = Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets();
        var contentInfos = AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(authenticatedSafe)).GetContentInfo();
        if (pfx.MacData is { } mac)
        {
            if (Guard(Pkcs12Integrity.IterationsOf(mac)) is { } tooMany)
            {
                return tooMany;
            }

            switch (Pkcs12Integrity.Verify(mac, authenticatedSafe, _password))
            {
                case Pkcs12Integrity.Status.Unsupported:
                    return ImportErrors.EncryptionUnsupported(_source, $"integrity check {Pkcs12Integrity.NameOf(mac)}");
                case Pkcs12Integrity.Status.Mismatch:
                    return ImportErrors.PasswordIncorrectOrRequired(_source, _givenPassword);
                default:
                    _macVerified = true;
                    break;
            }
        }

        foreach (var contentInfo in contentInfos)
        {
            var problem = ReadContentInfo(contentInfo);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private Problem? ReadContentInfo(ContentInfo contentInfo)
    {
        if (contentInfo.ContentType.Equals(PkcsObjectIdentifiers.Data))
        {
            return ReadBags(Asn1Sequence.GetInstance(Asn1OctetString.GetInstance(contentInfo.Content).GetOctets()), 0);
        }

        if (contentInfo.ContentType.Equals(PkcsObjectIdentifiers.EncryptedData))
        {
            var encrypted = EncryptedData.GetInstance(contentInfo.Content);
            if (encrypted.Content is null)
            {
                return Damaged("its encrypted part is empty");
            }

            var (plain, problem) = Decrypt(encrypted.EncryptionAlgorithm, encrypted.Content.GetOctets(), "the certificates' part", IsSafeContents);
            return plain is null ? problem : ReadBags(Asn1Sequence.GetInstance(plain), 0);
        }

        return contentInfo.ContentType.Equals(PkcsObjectIdentifiers.EnvelopedData)
            ? ImportErrors.EncryptionUnsupported(_source, "public-key privacy mode (contents encrypted to a certificate instead of a password)")
            : Damaged($"it holds content of type {contentInfo.ContentType.Id}, which PKCS#12 does not define");
    }

    private Problem? ReadBags(Asn1Sequence safeContents, int depth)
    {
        foreach (var element in safeContents)
        {
            var bag = SafeBag.GetInstance(element);
            var problem = bag.BagID.Id switch
            {
                "1.2.840.113549.1.12.10.1.3" => ReadCertificateBag(CertBag.GetInstance(bag.BagValue)),
                "1.2.840.113549.1.12.10.1.1" => AddKey(PrivateKeyInfo.GetInstance(bag.BagValue).GetEncoded()),
                "1.2.840.113549.1.12.10.1.2" => ReadShroudedKey(EncryptedPrivateKeyInfo.GetInstance(bag.BagValue)),
                "1.2.840.113549.1.12.10.1.6" => depth < MaxNesting ? ReadBags(Asn1Sequence.GetInstance(bag.BagValue), depth + 1) : Damaged("its bags are nested too deeply"),
                // CRL and secret bags carry nothing a TLS server uses.
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private Problem? ReadCertificateBag(CertBag bag)
    {
        if (bag.CertID.Id != PkcsObjectIdentifiers.X509Certificate.Id)
        {
            return null;
        }

        if (_certificates.Count == MaxCertificates)
        {
            return Damaged($"it holds more than {MaxCertificates} certificates");
        }

        _certificates.Add(Asn1OctetString.GetInstance(bag.CertValue).GetOctets());
        return null;
    }

    private Problem? ReadShroudedKey(EncryptedPrivateKeyInfo key)
    {
        var (plain, problem) = Decrypt(key.EncryptionAlgorithm, key.GetEncryptedData(), "the private key", IsPrivateKeyInfo);
        return plain is null ? problem : AddKey(plain);
    }

    private Problem? AddKey(byte[] pkcs8)
    {
        if (_keys.Count == MaxKeys)
        {
            Array.Clear(pkcs8);
            return Damaged($"it holds more than {MaxKeys} private keys");
        }

        _keys.Add(pkcs8);
        return null;
    }

    private (byte[]? Plain, Problem? Problem) Decrypt(AlgorithmIdentifier algorithm, byte[] cipherText, string part, Func<byte[], bool> accepts)
    {
        if (PasswordBasedCipher.IterationsOf(algorithm) is { } iterations && Guard(iterations) is { } tooMany)
        {
            return (null, tooMany);
        }

        var outcome = PasswordBasedCipher.Decrypt(algorithm, cipherText, _password, accepts);
        _nulTerminatedPassword |= outcome.NulTerminatedPassword;
        return outcome.Status switch
        {
            PasswordBasedCipher.Status.Decrypted => (outcome.Plain, null),
            PasswordBasedCipher.Status.Unsupported => (null, ImportErrors.EncryptionUnsupported(_source, PasswordBasedCipher.NameOf(algorithm))),
            PasswordBasedCipher.Status.BadPadding when _macVerified => (null, ImportErrors.Pkcs12Inconsistent(_source, part)),
            PasswordBasedCipher.Status.BadPadding => (null, ImportErrors.PasswordIncorrectOrRequired(_source, _givenPassword)),
            PasswordBasedCipher.Status.NotParsable when !_macVerified => (null, ImportErrors.PasswordIncorrectOrDamaged(_source, _givenPassword)),
            PasswordBasedCipher.Status.NotParsable => (null, Damaged($"{part} decrypts with the password the integrity check accepts, but is not what PKCS#12 puts there")),
            _ => (null, Damaged($"the encryption parameters of {part} cannot be read")),
        };
    }

    /// <summary>Every key derivation is bounded on its own and all of them together (RFC 8018 leaves the count to the writer).</summary>
    private Problem? Guard(BigInteger iterations)
    {
        if (iterations < 1)
        {
            return Damaged($"it asks for {iterations} key-derivation iterations");
        }

        _totalIterations += iterations;
        return iterations > _maxIterations || _totalIterations > 4L * _maxIterations
            ? ImportErrors.KdfIterationsTooHigh(_source, iterations > _maxIterations ? iterations : _totalIterations, _maxIterations)
            : null;
    }

    private Problem Damaged(string reason) => ImportErrors.Unreadable(_source, "a PKCS#12 file", reason);

    private static bool IsSafeContents(byte[] plain) => Accepts(plain, p =>
    {
        foreach (var element in Asn1Sequence.GetInstance(p))
        {
            SafeBag.GetInstance(element);
        }
    });

    internal static bool IsPrivateKeyInfo(byte[] plain) => Accepts(plain, p => PrivateKeyInfo.GetInstance(p));

    private static bool Accepts(byte[] plain, Action<Asn1Object> parse)
    {
        try
        {
            parse(Asn1Object.FromByteArray(plain));
            return true;
        }
        catch (Exception exception) when (IsDecodeFailure(exception))
        {
            return false;
        }
    }

    private static int LengthOctets(byte first) => first < 0x80 ? 1 : 1 + (first & 0x7F);
}
