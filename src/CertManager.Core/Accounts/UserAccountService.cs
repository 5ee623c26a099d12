using System.Text.RegularExpressions;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Accounts;

/// <summary>Users, passwords, roles and lockout. Every change records an event naming who made it.</summary>
public sealed partial class UserAccountService(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    IOptions<AccountOptions> options,
    EventRecorder events,
    OneTimePasswordFile oneTimePassword,
    DatabaseReadCache cache,
    TimeProvider timeProvider)
{
    private const string EventSource = "accounts";
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private readonly LockoutCounter _lockout = new(options);
    private readonly SignInFailureLog _failures = new(events, options, timeProvider);

    /// <summary>Every user by name; kept until the next commit (<see cref="DatabaseReadCache"/>), as the Users page lists them on every view.</summary>
    public Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync("users", ReadAllAsync, cancellationToken);

    private async Task<IReadOnlyList<UserSummary>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var users = await context.Users.OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        return users.Select(u => u.ToSummary()).ToList();
    }

    public async Task<UserSummary?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.FindAsync([id], cancellationToken);
        return user?.ToSummary();
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Users.AnyAsync(cancellationToken);
    }

    public async Task<Result<UserSummary>> CreateAsync(string userName, UserRole role, string password, bool mustChangePassword, string actor, CancellationToken cancellationToken = default)
    {
        userName = userName.Trim();
        if (!UserNamePattern().IsMatch(userName))
        {
            return AccountErrors.UserNameInvalid;
        }

        if (CheckPasswordPolicy(password) is { } weak)
        {
            return weak;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        if (await context.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
        {
            return AccountErrors.UserNameTaken(userName);
        }

        var user = new UserAccount
        {
            UserName = userName,
            NormalizedUserName = normalized,
            PasswordHash = string.Empty,
            Role = role,
            MustChangePassword = mustChangePassword,
            SecurityStamp = NewStamp(),
            Created = timeProvider.GetUtcNow(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        context.Users.Add(user);
        await context.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSource, $"User '{userName}' created with role {role}.", actor, cancellationToken: cancellationToken);
        return Result<UserSummary>.Success(user.ToSummary());
    }

    /// <summary>
    /// Checks a password, counting failures towards lockout atomically (<see cref="LockoutCounter"/>). Failures are
    /// recorded as events without the password. A wrong password, an unknown name and a locked account get the same
    /// answer after the same work, so that the answer does not tell which names exist.
    /// </summary>
    public async Task<Result<UserSummary>> SignInAsync(string userName, string password, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName.Trim());
        var user = await context.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (user is null)
        {
            // Hash anyway so that an unknown name takes as long as a wrong password.
            VerifyDummy(password);
            await _failures.RecordAsync(userName, known: false, clientAddress, "unknown user", cancellationToken);
            return AccountErrors.InvalidCredentials;
        }

        if (!await _lockout.TryTakeAttemptAsync(context, user.Id, now, cancellationToken))
        {
            VerifyDummy(password);
            await _failures.RecordAsync(user.UserName, known: true, clientAddress, "account locked", cancellationToken);
            return AccountErrors.InvalidCredentials;
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await _lockout.LockIfExhaustedAsync(context, user.Id, now, cancellationToken);
            await _failures.RecordAsync(user.UserName, known: true, clientAddress, "wrong password", cancellationToken);
            return AccountErrors.InvalidCredentials;
        }

        await LockoutCounter.ResetAsync(context, user.Id, cancellationToken);
        if (user.IsDisabled)
        {
            await _failures.RecordAsync(user.UserName, known: true, clientAddress, "account disabled", cancellationToken);
            return AccountErrors.Disabled;
        }

        user.LockoutEnd = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await context.SaveChangesAsync(cancellationToken);
        }

        return Result<UserSummary>.Success(user.ToSummary());
    }

    /// <summary>
    /// Checks the signed-in user's password again before a sensitive action, e.g. downloading a private key.
    /// Failures count towards the same lockout as sign-in, atomically, and are recorded (without the password):
    /// otherwise anyone holding a stolen session could guess the password here without limit. A locked or disabled
    /// account is refused even with the right password; success clears the failure count, as a sign-in does.
    /// </summary>
    public async Task<Result<UserSummary>> VerifyPasswordAsync(int userId, string password, string purpose, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.FindAsync([userId], cancellationToken);
        if (user is null)
        {
            return AccountErrors.InvalidCredentials;
        }

        if (user.IsDisabled)
        {
            await RecordReentryFailureAsync(user.UserName, purpose, "account disabled", cancellationToken);
            return AccountErrors.Disabled;
        }

        var now = timeProvider.GetUtcNow();
        if (!await _lockout.TryTakeAttemptAsync(context, user.Id, now, cancellationToken))
        {
            await RecordReentryFailureAsync(user.UserName, purpose, "account locked", cancellationToken);
            return AccountErrors.LockedOut(await _lockout.LockoutEndAsync(context, user.Id, now, cancellationToken));
        }

        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var locked = await _lockout.LockIfExhaustedAsync(context, user.Id, now, cancellationToken);
            await RecordReentryFailureAsync(user.UserName, purpose, locked is null ? "wrong password" : "wrong password; account locked", cancellationToken);
            return locked is { } until ? AccountErrors.LockedOut(until) : AccountErrors.PasswordReentryIncorrect;
        }

        await LockoutCounter.ResetAsync(context, user.Id, cancellationToken);
        return Result<UserSummary>.Success(user.ToSummary());
    }

    public async Task<Result<UserSummary>> ChangePasswordAsync(int userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        // The current password is checked like a re-entry: failures count towards lockout and are recorded.
        var verified = await VerifyPasswordAsync(userId, currentPassword, "a password change", cancellationToken);
        if (!verified.Succeeded)
        {
            return verified;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.FindAsync([userId], cancellationToken);
        if (user is null)
        {
            return AccountErrors.InvalidCredentials;
        }

        if (currentPassword == newPassword)
        {
            return AccountErrors.PasswordSameAsCurrent;
        }

        if (CheckPasswordPolicy(newPassword) is { } weak)
        {
            return weak;
        }

        user.PasswordHash = Hasher.HashPassword(user, newPassword);
        user.MustChangePassword = false;
        user.SecurityStamp = NewStamp();
        await context.SaveChangesAsync(cancellationToken);
        if (user.NormalizedUserName == Normalize(options.Value.InitialAdministratorName))
        {
            // The generated first password is no use any more; it must not stay readable on disk.
            oneTimePassword.Delete();
        }

        await events.RecordAsync(EventSeverity.Info, EventSource, $"User '{user.UserName}' changed their password.", user.UserName, cancellationToken: cancellationToken);
        return Result<UserSummary>.Success(user.ToSummary());
    }

    /// <summary>
    /// Ends every session of the user (at sign-out): a new security stamp makes each session's cookie, and any copy
    /// of it, invalid at its next request.
    /// </summary>
    public async Task EndSessionsAsync(int userId, CancellationToken cancellationToken = default)
    {
        var stamp = NewStamp();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.SecurityStamp, stamp), cancellationToken);
    }

    /// <summary>An administrator sets a new password; the user must change it at the next sign-in. Also lifts a lockout.</summary>
    public Task<Result<UserSummary>> ResetPasswordAsync(int userId, string newPassword, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, actor, (user, _) =>
        {
            if (CheckPasswordPolicy(newPassword) is { } weak)
            {
                return weak;
            }

            user.PasswordHash = Hasher.HashPassword(user, newPassword);
            user.MustChangePassword = true;
            user.LockoutEnd = null;
            user.FailedSignInCount = 0;
            return $"Password of user '{user.UserName}' reset.";
        }, cancellationToken);

    public Task<Result<UserSummary>> SetRoleAsync(int userId, UserRole role, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, actor, (user, others) =>
        {
            if (user.Role == UserRole.Administrator && role != UserRole.Administrator && !others.Any(IsEnabledAdministrator))
            {
                return AccountErrors.LastAdministrator;
            }

            user.Role = role;
            return $"User '{user.UserName}' now has role {role}.";
        }, cancellationToken);

    public Task<Result<UserSummary>> SetDisabledAsync(int userId, bool disabled, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, actor, (user, others) =>
        {
            if (disabled && IsEnabledAdministrator(user) && !others.Any(IsEnabledAdministrator))
            {
                return AccountErrors.LastAdministrator;
            }

            user.IsDisabled = disabled;
            return disabled ? $"User '{user.UserName}' disabled." : $"User '{user.UserName}' enabled.";
        }, cancellationToken);

    private async Task<Result<UserSummary>> UpdateAsync(int userId, string actor, Func<UserAccount, IReadOnlyList<UserAccount>, ChangeOutcome> change, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // SQLite's BEGIN IMMEDIATE: two administrators demoting each other at once cannot both pass the
        // last-administrator check on the same snapshot.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var users = await context.Users.ToListAsync(cancellationToken);
        var user = users.SingleOrDefault(u => u.Id == userId);
        if (user is null)
        {
            return AccountErrors.NotFound($"#{userId}");
        }

        var outcome = change(user, users.Where(u => u.Id != userId).ToList());
        if (outcome.Problem is { } problem)
        {
            return problem;
        }

        // A new stamp ends the user's other sessions at their next request.
        user.SecurityStamp = NewStamp();
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSource, outcome.Message!, actor, cancellationToken: cancellationToken);
        return Result<UserSummary>.Success(user.ToSummary());
    }

    private Problem? CheckPasswordPolicy(string password) =>
        password.Length < options.Value.MinimumPasswordLength ? AccountErrors.PasswordTooShort(options.Value.MinimumPasswordLength) : null;

    private Task RecordReentryFailureAsync(string userName, string purpose, string reason, CancellationToken cancellationToken) =>
        events.RecordAsync(EventSeverity.Warning, EventSource, $"Failed password re-entry by '{userName}' for {purpose}: {reason}.", userName, cancellationToken: cancellationToken);

    private static bool IsEnabledAdministrator(UserAccount user) => user.Role == UserRole.Administrator && !user.IsDisabled;

    private static string Normalize(string userName) => userName.ToUpperInvariant();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UserNamePattern();

    private static void VerifyDummy(string password) =>
        Hasher.VerifyHashedPassword(new UserAccount { UserName = string.Empty, NormalizedUserName = string.Empty, PasswordHash = string.Empty, SecurityStamp = string.Empty }, DummyHash, password);

    private static readonly string DummyHash = Hasher.HashPassword(
        new UserAccount { UserName = string.Empty, NormalizedUserName = string.Empty, PasswordHash = string.Empty, SecurityStamp = string.Empty }, Guid.NewGuid().ToString());

    /// <summary>A change either fails with a problem or succeeds with the event message to record.</summary>
    private readonly record struct ChangeOutcome(Problem? Problem, string? Message)
    {
        public static implicit operator ChangeOutcome(Problem problem) => new(problem, null);

        public static implicit operator ChangeOutcome(string message) => new(null, message);
    }
}
