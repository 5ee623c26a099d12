using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CertManager.Web.Security;

/// <summary>
/// What a data protector accepted, kept under the exact protected value for <see cref="Lifetime"/>, so that a value a
/// browser sends with every request (the sign-in cookie, the antiforgery cookie token) is decrypted once a minute
/// rather than on every request. Callers add only what the protector accepted, so a changed or foreign value is never
/// found here and is decrypted (and refused) as before; a data protection key revoked meanwhile is noticed after
/// <see cref="Lifetime"/>. At most <see cref="MaxEntries"/> values are kept; past it the cache starts empty again,
/// which only costs decryptions.
/// </summary>
/// <remarks>Values are shared by every caller: a caller that hands one out to code that may change it copies it.</remarks>
internal sealed class DecryptionCache<TKey, TValue>(IEqualityComparer<TKey> comparer, TimeProvider timeProvider)
    where TKey : notnull
{
    public const int MaxEntries = 1024;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);

    /// <summary>The value kept for <paramref name="protectedValue"/>, when it was decrypted less than <see cref="Lifetime"/> ago.</summary>
    public bool TryGet(TKey protectedValue, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(protectedValue, out var entry) && timeProvider.GetUtcNow() - entry.DecryptedAt < Lifetime)
        {
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Keeps what the protector accepted for <paramref name="protectedValue"/> (the key is kept as given: pass a copy of a buffer).</summary>
    public void Add(TKey protectedValue, TValue value)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[protectedValue] = new Entry(value, timeProvider.GetUtcNow());
    }

    private sealed record Entry(TValue Value, DateTimeOffset DecryptedAt);
}
