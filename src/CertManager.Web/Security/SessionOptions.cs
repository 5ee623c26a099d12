using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Security;

/// <summary>How long a sign-in lasts. Bound from <c>CertManager:Sessions</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "CertManager:Sessions";

    /// <summary>A session unused this long ends; each request renews it (sliding expiry).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after its sign-in however active it is; then the user signs in again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
