using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Accounts;

/// <summary>
/// Counts password attempts towards lockout with single conditional UPDATE statements, never read-modify-write:
/// an attempt takes one of the <see cref="AccountOptions.MaxFailedSignIns"/> slots in the database before the
/// password is checked, so concurrent guesses cannot all read the same count and all be checked. A correct password
/// gives its slot back by resetting the count; a wrong one keeps it and locks the account once the slots are used up.
/// </summary>
internal sealed class LockoutCounter(IOptions<AccountOptions> options)
{
    /// <summary>Takes an attempt; false when the account is locked or every attempt before lockout is taken.</summary>
    public async Task<bool> TryTakeAttemptAsync(CertManagerDbContext context, int userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFailedSignIns;
        var taken = await context.Users
            .Where(u => u.Id == userId && u.FailedSignInCount < max && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignInCount, u => u.FailedSignInCount + 1), cancellationToken);
        return taken == 1;
    }

    /// <summary>After a wrong password: locks the account if its attempts are used up; returns the lockout's end if this call locked it.</summary>
    public async Task<DateTimeOffset?> LockIfExhaustedAsync(CertManagerDbContext context, int userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFailedSignIns;
        DateTimeOffset? until = now + options.Value.LockoutDuration;
        var locked = await context.Users
            .Where(u => u.Id == userId && u.FailedSignInCount >= max)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.FailedSignInCount, 0), cancellationToken);
        return locked == 1 ? until : null;
    }

    /// <summary>After a correct password: the failures so far are forgiven.</summary>
    public static Task ResetAsync(CertManagerDbContext context, int userId, CancellationToken cancellationToken) =>
        context.Users
            .Where(u => u.Id == userId && (u.FailedSignInCount != 0 || u.LockoutEnd != null))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignInCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), cancellationToken);

    /// <summary>When a refused attempt's lockout ends: the stored end, or a full lockout from now while the last attempts are still being checked.</summary>
    public async Task<DateTimeOffset> LockoutEndAsync(CertManagerDbContext context, int userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = await context.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleOrDefaultAsync(cancellationToken);
        return end is { } stored && stored > now ? stored : now + options.Value.LockoutDuration;
    }
}
