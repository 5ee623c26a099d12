using CertManager.Core.Accounts;
using CertManager.Core.Events;
using CertManager.Testing;

namespace CertManager.Core.Tests.Accounts;

public sealed class UserAccountServiceTests : IDisposable
{
    private const string Password = "correct horse battery";
    private const string WrongPassword = "Tr0ub4dor&3-guess";

    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly UserAccountService _accounts;

    public UserAccountServiceTests() => _accounts = _host.Get<UserAccountService>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task CreateAsync_ValidUser_StoredWithRoleAndRecorded()
    {
        var created = await _accounts.CreateAsync("  alice ", UserRole.Operator, Password, mustChangePassword: true, "admin");

        Assert.True(created.Succeeded);
        var stored = await _accounts.FindAsync(created.Value.Id);
        Assert.NotNull(stored);
        Assert.Equal("alice", stored.UserName);
        Assert.Equal(UserRole.Operator, stored.Role);
        Assert.True(stored.MustChangePassword);
        Assert.False(stored.IsDisabled);
        var recorded = Assert.Single(await _host.Get<EventRecorder>().ListRecentAsync(10));
        Assert.Equal("admin", recorded.Actor);
        Assert.Contains("alice", recorded.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("Alice")]
    public async Task CreateAsync_NameTakenIgnoringCase_UserNameTaken(string secondName)
    {
        await CreateAsync("alice");

        var duplicate = await _accounts.CreateAsync(secondName, UserRole.Helpdesk, Password, mustChangePassword: false, "admin");

        Assert.False(duplicate.Succeeded);
        Assert.Equal("account.user-name-taken", Assert.Single(duplicate.Problems).Code);
        Assert.Single(await _accounts.ListAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alice smith")]
    [InlineData("alice/admin")]
    [InlineData("ålice")]
    [InlineData("alice;drop")]
    public async Task CreateAsync_InvalidName_UserNameInvalid(string userName)
    {
        var created = await _accounts.CreateAsync(userName, UserRole.Operator, Password, mustChangePassword: false, "admin");

        Assert.Equal("account.user-name-invalid", Assert.Single(created.Problems).Code);
        Assert.Empty(await _accounts.ListAsync());
    }

    [Fact]
    public async Task CreateAsync_NameOf65Characters_UserNameInvalid()
    {
        var created = await _accounts.CreateAsync(new string('a', 65), UserRole.Operator, Password, mustChangePassword: false, "admin");

        Assert.Equal("account.user-name-invalid", Assert.Single(created.Problems).Code);
    }

    [Theory]
    [InlineData("ops.team-1_x@example.com")]
    [InlineData("a")]
    public async Task CreateAsync_NameWithAllowedCharacters_Succeeds(string userName)
    {
        var created = await _accounts.CreateAsync(userName, UserRole.Operator, Password, mustChangePassword: false, "admin");

        Assert.True(created.Succeeded);
    }

    [Fact]
    public async Task CreateAsync_PasswordOneShortOfMinimum_PasswordTooShort()
    {
        var created = await _accounts.CreateAsync("alice", UserRole.Operator, "123456789", mustChangePassword: false, "admin");

        var problem = Assert.Single(created.Problems);
        Assert.Equal("account.password-too-short", problem.Code);
        Assert.Contains("10", problem.Message, StringComparison.Ordinal);
        Assert.True((await _accounts.CreateAsync("alice", UserRole.Operator, "1234567890", mustChangePassword: false, "admin")).Succeeded);
    }

    [Fact]
    public async Task SignInAsync_RightPasswordAnyNameCase_Succeeds()
    {
        var alice = await CreateAsync("alice");

        var signedIn = await _accounts.SignInAsync("ALICE", Password);

        Assert.True(signedIn.Succeeded);
        Assert.Equal(alice.Id, signedIn.Value.Id);
    }

    [Fact]
    public async Task SignInAsync_WrongPassword_InvalidCredentials()
    {
        await CreateAsync("alice");

        var signedIn = await _accounts.SignInAsync("alice", WrongPassword);

        Assert.Equal("account.invalid-credentials", Assert.Single(signedIn.Problems).Code);
    }

    [Fact]
    public async Task SignInAsync_UnknownUser_SameInvalidCredentialsAsWrongPassword()
    {
        var signedIn = await _accounts.SignInAsync("mallory", Password);

        Assert.Equal("account.invalid-credentials", Assert.Single(signedIn.Problems).Code);
    }

    [Fact]
    public async Task SignInAsync_FiveWrongPasswords_LockedOutUntilLockoutDurationPassedWithTheSameAnswerAsAWrongPassword()
    {
        var alice = await CreateAsync("alice");
        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Equal("account.invalid-credentials", Assert.Single((await _accounts.SignInAsync("alice", WrongPassword)).Problems).Code);
        }

        var fifth = await _accounts.SignInAsync("alice", WrongPassword);

        Assert.Equal("account.invalid-credentials", Assert.Single(fifth.Problems).Code);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(15), (await _accounts.FindAsync(alice.Id))!.LockoutEnd);
        Assert.Equal("account.invalid-credentials", Assert.Single((await _accounts.SignInAsync("alice", Password)).Problems).Code);

        _host.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal("account.invalid-credentials", Assert.Single((await _accounts.SignInAsync("alice", Password)).Problems).Code);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var afterLockout = await _accounts.SignInAsync("alice", Password);
        Assert.True(afterLockout.Succeeded);
        Assert.Null(afterLockout.Value.LockoutEnd);
    }

    [Fact]
    public async Task SignInAsync_SuccessBetweenFailures_ResetsTheFailureCount()
    {
        await CreateAsync("alice");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await _accounts.SignInAsync("alice", WrongPassword);
        }

        Assert.True((await _accounts.SignInAsync("alice", Password)).Succeeded);
        var afterSuccess = await _accounts.SignInAsync("alice", WrongPassword);

        Assert.Equal("account.invalid-credentials", Assert.Single(afterSuccess.Problems).Code);
    }

    [Fact]
    public async Task SignInAsync_DisabledAccountRightPassword_Disabled()
    {
        await CreateAsync("root", UserRole.Administrator);
        var alice = await CreateAsync("alice");
        Assert.True((await _accounts.SetDisabledAsync(alice.Id, disabled: true, "root")).Succeeded);

        var signedIn = await _accounts.SignInAsync("alice", Password);

        Assert.Equal("account.disabled", Assert.Single(signedIn.Problems).Code);
    }

    [Fact]
    public async Task SignInAsync_Failures_RecordedWithoutThePasswordWarningOnlyForExistingUsers()
    {
        await CreateAsync("alice");

        await _accounts.SignInAsync("alice", WrongPassword);
        await _accounts.SignInAsync("nobody", WrongPassword);

        var failures = (await _host.Get<EventRecorder>().ListRecentAsync(10)).Where(e => e.Message.Contains("failed sign-in", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.DoesNotContain(WrongPassword, failure.Message, StringComparison.Ordinal));
        Assert.Equal(EventSeverity.Warning, Assert.Single(failures, failure => failure.Message.Contains("for 'alice'", StringComparison.Ordinal)).Severity);
        Assert.Equal(EventSeverity.Info, Assert.Single(failures, failure => failure.Message.Contains("unknown user name 'nobody'", StringComparison.Ordinal)).Severity);
    }

    [Fact]
    public async Task SetRoleAsync_DemoteOnlyAdministrator_LastAdministrator()
    {
        var root = await CreateAsync("root", UserRole.Administrator);
        await CreateAsync("alice");

        var demoted = await _accounts.SetRoleAsync(root.Id, UserRole.Operator, "root");

        Assert.Equal("account.last-administrator", Assert.Single(demoted.Problems).Code);
        Assert.Equal(UserRole.Administrator, (await _accounts.FindAsync(root.Id))!.Role);
    }

    [Fact]
    public async Task SetDisabledAsync_OtherAdministratorDisabled_StillLastAdministrator()
    {
        var root = await CreateAsync("root", UserRole.Administrator);
        var backup = await CreateAsync("backup", UserRole.Administrator);
        Assert.True((await _accounts.SetDisabledAsync(backup.Id, disabled: true, "root")).Succeeded);

        var disabled = await _accounts.SetDisabledAsync(root.Id, disabled: true, "root");

        Assert.Equal("account.last-administrator", Assert.Single(disabled.Problems).Code);
        Assert.False((await _accounts.FindAsync(root.Id))!.IsDisabled);
    }

    [Fact]
    public async Task SetRoleAsync_AnotherEnabledAdministrator_DemotesAndChangesSecurityStamp()
    {
        var root = await CreateAsync("root", UserRole.Administrator);
        await CreateAsync("backup", UserRole.Administrator);

        var demoted = await _accounts.SetRoleAsync(root.Id, UserRole.Helpdesk, "backup");

        Assert.True(demoted.Succeeded);
        Assert.Equal(UserRole.Helpdesk, demoted.Value.Role);
        Assert.NotEqual(root.SecurityStamp, demoted.Value.SecurityStamp);
    }

    [Fact]
    public async Task ResetPasswordAsync_LockedOutUser_NewPasswordWorksAtOnceAndMustBeChanged()
    {
        var alice = await CreateAsync("alice");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await _accounts.SignInAsync("alice", WrongPassword);
        }

        var reset = await _accounts.ResetPasswordAsync(alice.Id, "temporary password 1", "root");

        Assert.True(reset.Succeeded);
        Assert.True(reset.Value.MustChangePassword);
        Assert.Null(reset.Value.LockoutEnd);
        Assert.NotEqual(alice.SecurityStamp, reset.Value.SecurityStamp);
        Assert.True((await _accounts.SignInAsync("alice", "temporary password 1")).Succeeded);
        Assert.Equal("account.invalid-credentials", Assert.Single((await _accounts.SignInAsync("alice", Password)).Problems).Code);
    }

    [Fact]
    public async Task ResetPasswordAsync_ShortPassword_PasswordTooShortAndOldPasswordKept()
    {
        var alice = await CreateAsync("alice");

        var reset = await _accounts.ResetPasswordAsync(alice.Id, "short", "root");

        Assert.Equal("account.password-too-short", Assert.Single(reset.Problems).Code);
        Assert.True((await _accounts.SignInAsync("alice", Password)).Succeeded);
    }

    [Fact]
    public async Task ChangePasswordAsync_RightCurrentPassword_NewStampAndNoLongerMustChange()
    {
        var alice = await CreateAsync("alice", mustChangePassword: true);

        var changed = await _accounts.ChangePasswordAsync(alice.Id, Password, "a brand new passphrase");

        Assert.True(changed.Succeeded);
        Assert.NotEqual(alice.SecurityStamp, changed.Value.SecurityStamp);
        Assert.False(changed.Value.MustChangePassword);
        Assert.True((await _accounts.SignInAsync("alice", "a brand new passphrase")).Succeeded);
        Assert.False((await _accounts.SignInAsync("alice", Password)).Succeeded);
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrentPassword_RefusedAndStampKept()
    {
        var alice = await CreateAsync("alice");

        var changed = await _accounts.ChangePasswordAsync(alice.Id, WrongPassword, "a brand new passphrase");

        Assert.Equal("account.password-reentry-incorrect", Assert.Single(changed.Problems).Code);
        Assert.Equal(alice.SecurityStamp, (await _accounts.FindAsync(alice.Id))!.SecurityStamp);
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrentPasswordRepeatedly_LocksTheAccount()
    {
        var alice = await CreateAsync("alice");

        for (var attempt = 1; attempt < 5; attempt++)
        {
            await _accounts.ChangePasswordAsync(alice.Id, WrongPassword, "a brand new passphrase");
        }

        var fifth = await _accounts.ChangePasswordAsync(alice.Id, WrongPassword, "a brand new passphrase");
        var withRightPassword = await _accounts.ChangePasswordAsync(alice.Id, Password, "a brand new passphrase");

        Assert.Equal("account.locked-out", Assert.Single(fifth.Problems).Code);
        Assert.Equal("account.locked-out", Assert.Single(withRightPassword.Problems).Code);
    }

    [Fact]
    public async Task ChangePasswordAsync_SameAsCurrent_PasswordUnchanged()
    {
        var alice = await CreateAsync("alice");

        var changed = await _accounts.ChangePasswordAsync(alice.Id, Password, Password);

        Assert.Equal("account.password-unchanged", Assert.Single(changed.Problems).Code);
    }

    [Fact]
    public async Task VerifyPasswordAsync_RightPassword_SucceedsWithoutEvent()
    {
        var alice = await CreateAsync("alice");
        var eventsBefore = (await _host.Get<EventRecorder>().ListRecentAsync(100)).Count;

        var verified = await _accounts.VerifyPasswordAsync(alice.Id, Password, "export");

        Assert.True(verified.Succeeded);
        Assert.Equal(eventsBefore, (await _host.Get<EventRecorder>().ListRecentAsync(100)).Count);
    }

    [Fact]
    public async Task VerifyPasswordAsync_WrongPassword_RecordedWithoutThePassword()
    {
        var alice = await CreateAsync("alice");

        var verified = await _accounts.VerifyPasswordAsync(alice.Id, WrongPassword, "export of the private key");

        Assert.Equal("account.password-reentry-incorrect", Assert.Single(verified.Problems).Code);
        var recorded = (await _host.Get<EventRecorder>().ListRecentAsync(1))[0];
        Assert.Equal(EventSeverity.Warning, recorded.Severity);
        Assert.Equal("alice", recorded.Actor);
        Assert.Contains("export of the private key", recorded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, recorded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPasswordAsync_FiveWrongPasswords_LocksTheAccountForSignInAndReentry()
    {
        var alice = await CreateAsync("alice");

        for (var attempt = 0; attempt < 4; attempt++)
        {
            await _accounts.VerifyPasswordAsync(alice.Id, WrongPassword, "export");
        }

        var fifth = await _accounts.VerifyPasswordAsync(alice.Id, WrongPassword, "export");

        Assert.Equal("account.locked-out", Assert.Single(fifth.Problems).Code);
        Assert.Equal("account.locked-out", Assert.Single((await _accounts.VerifyPasswordAsync(alice.Id, Password, "export")).Problems).Code);
        Assert.False((await _accounts.SignInAsync("alice", Password)).Succeeded);
    }

    [Fact]
    public async Task VerifyPasswordAsync_FailuresShareTheSignInCount()
    {
        var alice = await CreateAsync("alice");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _accounts.SignInAsync("alice", WrongPassword);
        }

        await _accounts.VerifyPasswordAsync(alice.Id, WrongPassword, "export");
        var fifth = await _accounts.VerifyPasswordAsync(alice.Id, WrongPassword, "export");

        Assert.Equal("account.locked-out", Assert.Single(fifth.Problems).Code);
    }

    [Fact]
    public async Task VerifyPasswordAsync_DisabledAccount_Disabled()
    {
        await CreateAsync("root", UserRole.Administrator);
        var alice = await CreateAsync("alice");
        await _accounts.SetDisabledAsync(alice.Id, disabled: true, "root");

        var verified = await _accounts.VerifyPasswordAsync(alice.Id, Password, "export");

        Assert.Equal("account.disabled", Assert.Single(verified.Problems).Code);
    }

    private async Task<UserSummary> CreateAsync(string userName, UserRole role = UserRole.Operator, bool mustChangePassword = false)
    {
        var created = await _accounts.CreateAsync(userName, role, Password, mustChangePassword, "test");
        Assert.True(created.Succeeded, created.Succeeded ? null : created.Problems[0].Message);
        return created.Value;
    }
}
