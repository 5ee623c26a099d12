using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Tokens;

/// <summary>API tokens: how long they may live and how their use is recorded.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "CertManager:Tokens";

    /// <summary>The longest lifetime a user may give a token (default 365 days).</summary>
    [Range(1, 3650)]
    public int MaxLifetimeDays { get; set; } = 365;

    /// <summary>A token's use is written to the event log at most once per this window (default 1 hour), so scripts cannot flood it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UseEventWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A token's last use shown on the profile page is updated at most this often (default 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LastUseResolution { get; set; } = TimeSpan.FromMinutes(1);
}
