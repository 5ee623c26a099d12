using CertManager.Core.Results;

namespace CertManager.Core.Accounts;

/// <summary>The problems account actions can meet, with stable codes.</summary>
public static class AccountErrors
{
    public static readonly Problem InvalidCredentials = Problem.Error(
        "account.invalid-credentials", "The user name or password is incorrect, or the account is locked after repeated failures.", "Check the user name and password and try again; after a lockout, wait for it to end or ask an administrator to reset the password.");

    public static readonly Problem PasswordReentryIncorrect = Problem.Error(
        "account.password-reentry-incorrect", "The password you re-entered is incorrect.", "Enter the password you signed in with; the account locks after repeated failures.");

    public static Problem LockedOut(DateTimeOffset until) => Problem.Error(
        "account.locked-out", $"This account is locked after repeated failed sign-ins until {until:yyyy-MM-dd HH:mm} UTC.", "Wait until then, or ask an administrator to reset the password.");

    public static readonly Problem Disabled = Problem.Error(
        "account.disabled", "This account is disabled.", "Ask an administrator to enable it.");

    public static Problem PasswordTooShort(int minimum) => Problem.Error(
        "account.password-too-short", $"The password must have at least {minimum} characters.", "Choose a longer password; a passphrase of several words is easy to remember.");

    public static readonly Problem PasswordSameAsCurrent = Problem.Error(
        "account.password-unchanged", "The new password is the same as the current one.", "Choose a different password.");

    public static readonly Problem UserNameInvalid = Problem.Error(
        "account.user-name-invalid", "The user name must be 1 to 64 letters, digits, '.', '-', '_' or '@'.", "Choose a user name without spaces or other characters.");

    public static Problem UserNameTaken(string userName) => Problem.Error(
        "account.user-name-taken", $"A user named '{userName}' already exists.", "Choose another user name, or edit the existing user.");

    public static Problem NotFound(string userName) => Problem.Error(
        "account.not-found", $"There is no user named '{userName}'.", "Check the name in the user list.");

    public static readonly Problem LastAdministrator = Problem.Error(
        "account.last-administrator", "This is the only enabled administrator: the console would have nobody to manage it.", "Create or enable another administrator first.");
}
