using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: followers' RSA public keys, ready to encrypt to. Each is checked once per process as before by
/// BouncyCastle's parser (the modulus odd, without a small factor, and proved composite by Miller-Rabin rounds: a few
/// modular exponentiations of 3072 bits, which with one parse per bundle were most of the edge's CPU when an install
/// woke every follower at once) and imported by the platform, which encrypts (<see cref="PlatformKeyTransport"/>).
/// What is kept is public. The entry is found by the whole encoded key (its SHA-256 finds it, the bytes are compared),
/// so a key is never taken for another.
/// </summary>
internal sealed class RecipientKeyCache
{
    /// <summary>Far above any fleet (one entry per follower); reaching it empties the cache, which only costs parses again.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (byte[] Encoded, RSA Key)> _keys = new(StringComparer.Ordinal);
    private long _parses;

    /// <summary>How many keys were parsed (and checked) since the process started; for tests.</summary>
    internal long Parses => Interlocked.Read(ref _parses);

    /// <summary>
    /// The key of <paramref name="subjectPublicKeyInfo"/>, shared (not to be disposed); throws as BouncyCastle's parser
    /// does when the key is not a valid RSA key.
    /// </summary>
    public RSA Get(byte[] subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        var id = Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo));
        if (_keys.TryGetValue(id, out var known) && known.Encoded.AsSpan().SequenceEqual(subjectPublicKeyInfo))
        {
            return known.Key;
        }

        if (PublicKeyFactory.CreateKey(subjectPublicKeyInfo) is not RsaKeyParameters)
        {
            throw new ArgumentException("The key is not an RSA key.", nameof(subjectPublicKeyInfo));
        }

        var parsed = RSA.Create();
        parsed.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        Interlocked.Increment(ref _parses);
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }

        _keys[id] = ((byte[])subjectPublicKeyInfo.Clone(), parsed);
        return parsed;
    }
}
