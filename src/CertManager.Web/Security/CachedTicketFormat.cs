using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace CertManager.Web.Security;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value and kept for <see cref="Lifetime"/>: every request of
/// a signed-in user carried the same cookie through data protection (key derivation, AES and HMAC), a twentieth of
/// a page view's CPU time.
/// </summary>
/// <remarks>
/// Only what the data protector accepted is kept, under the exact cookie text, so a changed cookie is decrypted (and
/// refused) as before. Each caller gets its own copy: the cookie handler renews a ticket's dates in place. Everything
/// else is still checked at every request: the ticket's expiry by the cookie handler, the session (user, stamp, role,
/// absolute lifetime) by <see cref="SessionValidator"/>. The number of cookies kept is bounded
/// (<see cref="MaxEntries"/>); past it the cache starts empty again.
/// </remarks>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider timeProvider) : ISecureDataFormat<AuthenticationTicket>
{
    public const int MaxEntries = 1024;

    /// <summary>How long a decrypted ticket is reused; a data protection key revoked meanwhile is noticed after it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(protectedText, out var entry) && now - entry.DecryptedAt < Lifetime)
        {
            return entry.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            return null;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[protectedText] = new Entry(ticket.Clone(), now);
        return ticket;
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset DecryptedAt);
}
