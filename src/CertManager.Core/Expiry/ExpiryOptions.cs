using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Expiry;

/// <summary>The expiry thresholds, shared by the tab's indicator and the expiry events so the two always agree.</summary>
public sealed class ExpiryOptions
{
    public const string SectionName = "CertManager:Expiry";

    /// <summary>WARNING when the certificate expires in less than this (default 21 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan WarningBefore { get; set; } = TimeSpan.FromDays(21);

    /// <summary>MINOR when the certificate expires in less than this (default 7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan MinorBefore { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the console checks the presented certificate and its chain (default hourly); it also checks at start-up and after every install.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
