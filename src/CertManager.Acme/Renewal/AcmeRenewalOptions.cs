using System.ComponentModel.DataAnnotations;

namespace CertManager.Acme.Renewal;

/// <summary>Renewal of certificates obtained over ACME (section <see cref="SectionName"/>).</summary>
public sealed class AcmeRenewalOptions
{
    public const string SectionName = "CertManager:Acme:Renewal";

    /// <summary>How often the renewal job looks at the installed certificate.</summary>
    [Range(10, 86400)]
    public int CheckIntervalSeconds { get; set; } = 3600;

    /// <summary>The first wait after a failed renewal; doubled after each further failure up to <see cref="MaxRetryHours"/>.</summary>
    [Range(1, 1440)]
    public int FirstRetryMinutes { get; set; } = 60;

    [Range(1, 168)]
    public int MaxRetryHours { get; set; } = 24;

    /// <summary>Failures within this many days of expiry are MINOR events rather than WARNING.</summary>
    [Range(1, 90)]
    public int MinorWithinDays { get; set; } = 7;
}
