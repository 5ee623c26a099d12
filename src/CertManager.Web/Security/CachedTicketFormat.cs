using Microsoft.AspNetCore.Authentication;

namespace CertManager.Web.Security;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value and kept a while (<see cref="DecryptionCache{TKey, TValue}"/>):
/// every request of a signed-in user carried the same cookie through data protection (key derivation, AES and HMAC),
/// a twentieth of a page view's CPU time.
/// </summary>
/// <remarks>
/// Only what the data protector accepted is kept, under the exact cookie text, so a changed cookie is decrypted (and
/// refused) as before. Each caller gets its own copy: the cookie handler renews a ticket's dates in place. Everything
/// else is still checked at every request: the ticket's expiry by the cookie handler, the session (user, stamp, role,
/// absolute lifetime) by <see cref="SessionValidator"/>.
/// </remarks>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider timeProvider) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly DecryptionCache<string, AuthenticationTicket> _tickets = new(StringComparer.Ordinal, timeProvider);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGet(protectedText, out var kept))
        {
            return kept.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            _tickets.Add(protectedText, ticket.Clone());
        }

        return ticket;
    }
}
