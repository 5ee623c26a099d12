using System.Globalization;
using System.Security.Claims;
using CertManager.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CertManager.Web.Security;

/// <summary>The claims of a signed-in console user, and the principal built from a <see cref="UserSummary"/>.</summary>
public static class ConsoleClaims
{
    /// <summary>The user's security stamp at sign-in; a different stored stamp ends the session.</summary>
    public const string SecurityStamp = "certmanager:security-stamp";

    /// <summary>Present while the user must change the password before doing anything else.</summary>
    public const string MustChangePassword = "certmanager:must-change-password";

    public static ClaimsPrincipal CreatePrincipal(UserSummary user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(SecurityStamp, user.SecurityStamp),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The name recorded in events for what this user does.</summary>
    public static string ActorName(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "unknown";
}
