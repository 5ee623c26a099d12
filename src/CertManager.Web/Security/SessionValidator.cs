using System.Collections.Concurrent;
using System.Security.Claims;
using CertManager.Core.Accounts;
using CertManager.Core.Storage;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Security;

/// <summary>
/// Decides whether a signed-in session is still valid: it began less than <see cref="SessionOptions.AbsoluteLifetime"/>
/// ago, and the user exists, is enabled, and has the same security stamp and role as at sign-in. A password reset, a
/// role change, disabling the account or signing out (which rotates the stamp) ends the session, every copy of its cookie included.
/// </summary>
/// <remarks>
/// This runs on every request that carries a cookie. The user is read from the database once and kept while the
/// database is unchanged (<see cref="DatabaseChangeCounter"/>: any commit, by this process or another, makes the next
/// request read the user again), so each request costs a pragma instead of a query, and a change is never missed.
/// </remarks>
public sealed class SessionValidator(UserAccountService accounts, DatabaseChangeCounter changes, IOptions<SessionOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<int, CachedUser> _users = new();

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.UserId() is not { } id
            || principal.SignedInTime() is not { } signedInAt
            || timeProvider.GetUtcNow() >= signedInAt + options.Value.AbsoluteLifetime)
        {
            return false;
        }

        var user = await FindAsync(id, cancellationToken);
        return user is { IsDisabled: false }
            && user.SecurityStamp == principal.FindFirstValue(ConsoleClaims.SecurityStamp)
            && principal.IsInRole(user.Role.ToString());
    }

    private async Task<UserSummary?> FindAsync(int id, CancellationToken cancellationToken)
    {
        // Read before the user: a commit between the two leaves an older version with the row, so it is read again.
        var version = changes.Read();
        if (_users.TryGetValue(id, out var cached) && cached.Version == version)
        {
            return cached.User;
        }

        var user = await accounts.FindAsync(id, cancellationToken);
        _users[id] = new CachedUser(user, version);
        return user;
    }

    private sealed record CachedUser(UserSummary? User, long Version);
}
