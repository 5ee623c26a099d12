using System.Security.Claims;
using CertManager.Core.Accounts;

namespace CertManager.Web.Security;

/// <summary>
/// Decides whether a signed-in session is still valid: the user exists, is enabled, and has the same security
/// stamp and role as at sign-in. A password reset, a role change or disabling the account ends the session.
/// </summary>
public sealed class SessionValidator(UserAccountService accounts)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.UserId() is not { } id)
        {
            return false;
        }

        var user = await accounts.FindAsync(id, cancellationToken);
        return user is { IsDisabled: false }
            && user.SecurityStamp == principal.FindFirstValue(ConsoleClaims.SecurityStamp)
            && principal.IsInRole(user.Role.ToString());
    }
}
