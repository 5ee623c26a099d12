using System.Security.Claims;
using CertManager.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// The sign-in cookie's decrypted ticket is reused for the same cookie text only: each caller gets its own copy, and a
/// changed cookie is refused as before.
/// </summary>
public sealed class CachedTicketFormatTests
{
    private readonly TicketDataFormat _dataProtection = new(new EphemeralDataProtectionProvider().CreateProtector("cookie tests"));
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Unprotect_SameCookieTwice_EqualTicketsThatShareNoState()
    {
        var format = new CachedTicketFormat(_dataProtection, _time);
        var expires = _time.GetUtcNow().AddHours(8);
        var cookie = format.Protect(Ticket("admin", expires));

        var first = format.Unprotect(cookie)!;
        first.Properties.ExpiresUtc = expires.AddHours(1);
        var second = format.Unprotect(cookie)!;
        second.Properties.ExpiresUtc = expires.AddHours(2);
        var third = format.Unprotect(cookie)!;

        Assert.Equal("admin", third.Principal.Identity?.Name);
        Assert.Equal(expires, third.Properties.ExpiresUtc);
        Assert.NotSame(second.Principal, third.Principal);
    }

    [Fact]
    public void Unprotect_ChangedCookie_Refused()
    {
        var format = new CachedTicketFormat(_dataProtection, _time);
        var cookie = format.Protect(Ticket("admin", _time.GetUtcNow().AddHours(8)));
        Assert.NotNull(format.Unprotect(cookie));

        var changed = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];

        Assert.Null(format.Unprotect(changed));
        Assert.Null(format.Unprotect("not a cookie"));
    }

    [Fact]
    public void Unprotect_CookieOfAnotherKeyRing_Refused()
    {
        var other = new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("cookie tests"));
        var format = new CachedTicketFormat(_dataProtection, _time);
        var foreign = other.Protect(Ticket("intruder", _time.GetUtcNow().AddHours(8)));

        Assert.Null(format.Unprotect(foreign));
    }

    private static AuthenticationTicket Ticket(string name, DateTimeOffset expires) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Cookies")), new AuthenticationProperties { ExpiresUtc = expires }, "Cookies");
}
