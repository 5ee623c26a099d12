namespace CertManager.Core.Accounts;

/// <summary>A console user as stored. Passwords are kept only as ASP.NET Core Identity hashes (PBKDF2).</summary>
internal sealed class UserAccount
{
    public int Id { get; set; }

    public required string UserName { get; set; }

    /// <summary>Upper-invariant user name, unique: sign-in ignores case.</summary>
    public required string NormalizedUserName { get; set; }

    public required string PasswordHash { get; set; }

    public UserRole Role { get; set; }

    public bool IsDisabled { get; set; }

    public bool MustChangePassword { get; set; }

    public int FailedSignInCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Changes whenever the password, role or state changes, which ends the user's other sessions.</summary>
    public required string SecurityStamp { get; set; }

    public DateTimeOffset Created { get; set; }

    public UserSummary ToSummary() => new(Id, UserName, Role, IsDisabled, MustChangePassword, LockoutEnd, SecurityStamp);
}
