using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Accounts;

/// <summary>Sign-in rules and the first administrator. Bound from <c>CertManager:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "CertManager:Accounts";

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins for one user name from one address within this window are recorded as one event.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>User name of the administrator created on first start.</summary>
    [Required]
    public string InitialAdministratorName { get; set; } = "admin";

    /// <summary>
    /// Password of the administrator created on first start (e.g. from the environment variable
    /// <c>CertManager__Accounts__InitialAdministratorPassword</c>). When empty a random one is generated and written once to the log.
    /// </summary>
    public string? InitialAdministratorPassword { get; set; }
}
