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

    /// <summary>When the user signed in (Unix milliseconds, so that a session never ends early by a rounded second); the session ends <see cref="SessionOptions.AbsoluteLifetime"/> later.</summary>
    public const string SignedInAt = "certmanager:signed-in-at";

    /// <summary>The principal for a session that began at <paramref name="signedInAt"/>.</summary>
    public static ClaimsPrincipal CreatePrincipal(UserSummary user, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(SecurityStamp, user.SecurityStamp),
            new(SignedInAt, signedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>When this session's sign-in happened, or null for a principal without it.</summary>
    public static DateTimeOffset? SignedInTime(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    /// <summary>The name recorded in events for what this user does.</summary>
    public static string ActorName(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "unknown";
}
