using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace CertManager.Web.Security;

/// <summary>
/// The data protector of antiforgery tokens, with each accepted token decrypted once and kept for
/// <see cref="Lifetime"/>: every page with a form decrypted the browser's antiforgery cookie token (key derivation,
/// AES and HMAC) on every view, a twentieth of the alert settings page's CPU time.
/// </summary>
/// <remarks>
/// Only what the inner protector accepted is kept, under the exact protected bytes, so a changed or foreign token is
/// decrypted (and refused) as before; the comparison of the cookie token with the form's token and the user still
/// happens at every request, in the antiforgery service. Protecting is not cached: every new token is encrypted
/// afresh. Each caller gets its own copy of the plaintext. The number of tokens kept is bounded
/// (<see cref="MaxEntries"/>); past it the cache starts empty again.
/// </remarks>
internal sealed class CachedAntiforgeryProtector(IDataProtector inner, TimeProvider timeProvider) : IDataProtector
{
    /// <summary>The purpose ASP.NET Core's antiforgery token serializer creates its protector with.</summary>
    public const string AntiforgeryPurpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    public const int MaxEntries = 1024;

    /// <summary>How long a decrypted token is reused; a data protection key revoked meanwhile is noticed after it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<byte[], Entry> _entries = new(ByteArrayComparer.Instance);

    public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(protectedData, out var entry) && now - entry.DecryptedAt < Lifetime)
        {
            return entry.Plaintext.ToArray();
        }

        // Throws for a token it does not accept, as before; nothing is kept then.
        var plaintext = inner.Unprotect(protectedData);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[protectedData.ToArray()] = new Entry(plaintext.ToArray(), now);
        return plaintext;
    }

    private sealed record Entry(byte[] Plaintext, DateTimeOffset DecryptedAt);

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
