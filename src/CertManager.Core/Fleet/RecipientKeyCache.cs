using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: followers' RSA public keys as BouncyCastle parsed them. Parsing checks the modulus (odd, no small
/// factor, and Miller-Rabin rounds proving it composite), a few modular exponentiations of 3072 bits each time: with
/// one parse per bundle, that check was most of the edge's CPU when an install woke every follower at once. A key is
/// now parsed, and so checked, once per process; what is kept is public. The entry is found by the whole encoded key
/// (its SHA-256 finds it, the bytes are compared), so a key is never taken for another.
/// </summary>
internal sealed class RecipientKeyCache
{
    /// <summary>Far above any fleet (one entry per follower); reaching it empties the cache, which only costs parses again.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (byte[] Encoded, AsymmetricKeyParameter Key)> _keys = new(StringComparer.Ordinal);
    private long _parses;

    /// <summary>How many keys were parsed (and checked) since the process started; for tests.</summary>
    internal long Parses => Interlocked.Read(ref _parses);

    /// <summary>The parsed key of <paramref name="subjectPublicKeyInfo"/>; throws as BouncyCastle does when the key is not valid.</summary>
    public AsymmetricKeyParameter Get(byte[] subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        var id = Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo));
        if (_keys.TryGetValue(id, out var known) && known.Encoded.AsSpan().SequenceEqual(subjectPublicKeyInfo))
        {
            return known.Key;
        }

        var parsed = PublicKeyFactory.CreateKey(subjectPublicKeyInfo);
        Interlocked.Increment(ref _parses);
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }

        _keys[id] = ((byte[])subjectPublicKeyInfo.Clone(), parsed);
        return parsed;
    }
}
