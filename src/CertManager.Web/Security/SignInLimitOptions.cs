using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Security;

/// <summary>
/// Rate limits on the endpoints that check a password (sign-in, change password, the password re-entry before a key
/// export), besides the account lockout: they bound guessing across many user names from one address and the
/// hashing work one name can cause. Bound from <c>CertManager:SignInLimits</c>.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "CertManager:SignInLimits";

    /// <summary>Password posts per user name in one <see cref="Window"/>, whatever address they come from.</summary>
    [Range(1, 100_000)]
    public int PermitsPerUserName { get; set; } = 10;

    /// <summary>Password posts per client address in one <see cref="Window"/>, whatever user names they try.</summary>
    [Range(1, 100_000)]
    public int PermitsPerAddress { get; set; } = 30;

    /// <summary>The fixed window the permits are counted in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
