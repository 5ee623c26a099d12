using System.Security.Claims;
using CertManager.Core.Accounts;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Security;

/// <summary>
/// Decides whether a signed-in session is still valid: it began less than <see cref="SessionOptions.AbsoluteLifetime"/>
/// ago, and the user exists, is enabled, and has the same security stamp and role as at sign-in. A password reset, a
/// role change, disabling the account or signing out (which rotates the stamp) ends the session, every copy of its cookie included.
/// </summary>
public sealed class SessionValidator(UserAccountService accounts, IOptions<SessionOptions> options, TimeProvider timeProvider)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.UserId() is not { } id
            || principal.SignedInTime() is not { } signedInAt
            || timeProvider.GetUtcNow() >= signedInAt + options.Value.AbsoluteLifetime)
        {
            return false;
        }

        var user = await accounts.FindAsync(id, cancellationToken);
        return user is { IsDisabled: false }
            && user.SecurityStamp == principal.FindFirstValue(ConsoleClaims.SecurityStamp)
            && principal.IsInRole(user.Role.ToString());
    }
}
