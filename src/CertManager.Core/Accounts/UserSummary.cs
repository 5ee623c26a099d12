namespace CertManager.Core.Accounts;

/// <summary>What the rest of the console may know of a user: never the password hash.</summary>
public sealed record UserSummary(
    int Id,
    string UserName,
    UserRole Role,
    bool IsDisabled,
    bool MustChangePassword,
    DateTimeOffset? LockoutEnd,
    string SecurityStamp);
