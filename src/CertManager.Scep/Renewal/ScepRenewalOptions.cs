using System.ComponentModel.DataAnnotations;

namespace CertManager.Scep.Renewal;

/// <summary>Re-enrollment of certificates installed over SCEP (section <see cref="SectionName"/>).</summary>
public sealed class ScepRenewalOptions
{
    public const string SectionName = "CertManager:Scep:Renewal";

    /// <summary>Renew this many days before expiry; 0 renews at two thirds of the lifetime.</summary>
    [Range(0, 365)]
    public int DaysBeforeExpiry { get; set; }

    /// <summary>The first wait after a failed renewal; doubled after each further failure up to <see cref="MaxRetryHours"/>.</summary>
    [Range(1, 1440)]
    public int FirstRetryMinutes { get; set; } = 60;

    [Range(1, 168)]
    public int MaxRetryHours { get; set; } = 24;

    /// <summary>Failures within this many days of expiry are MINOR events rather than WARNING.</summary>
    [Range(1, 90)]
    public int MinorWithinDays { get; set; } = 7;
}
