using Microsoft.AspNetCore.DataProtection;

namespace CertManager.Web.Security;

/// <summary>
/// The data protector of antiforgery tokens, with each accepted token decrypted once and kept a while
/// (<see cref="DecryptionCache{TKey, TValue}"/>): every page with a form decrypted the browser's antiforgery cookie
/// token (key derivation, AES and HMAC) on every view, a twentieth of the alert settings page's CPU time.
/// </summary>
/// <remarks>
/// Only what the inner protector accepted is kept, under the exact protected bytes, so a changed or foreign token is
/// decrypted (and refused) as before; the comparison of the cookie token with the form's token and the user still
/// happens at every request, in the antiforgery service. Protecting is not cached: every new token is encrypted
/// afresh. Each caller gets its own copy of the plaintext.
/// </remarks>
internal sealed class CachedAntiforgeryProtector(IDataProtector inner, TimeProvider timeProvider) : IDataProtector
{
    /// <summary>The purpose ASP.NET Core's antiforgery token serializer creates its protector with.</summary>
    public const string AntiforgeryPurpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    private readonly DecryptionCache<byte[], byte[]> _tokens = new(ByteArrayComparer.Instance, timeProvider);

    public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (_tokens.TryGet(protectedData, out var kept))
        {
            return kept.ToArray();
        }

        // Throws for a token it does not accept, as before; nothing is kept then.
        var plaintext = inner.Unprotect(protectedData);
        _tokens.Add(protectedData.ToArray(), plaintext.ToArray());
        return plaintext;
    }

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
