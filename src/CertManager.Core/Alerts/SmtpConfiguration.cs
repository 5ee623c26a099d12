using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>
/// SMTP settings from configuration (<c>CertManager:Alerts:Smtp:*</c>, e.g. environment variable
/// <c>CertManager__Alerts__Smtp__Host</c>) for unattended installs. Each value set here wins over the one saved
/// on the settings page, which then shows it as "from configuration".
/// </summary>
public sealed class SmtpConfiguration
{
    public string? Host { get; set; }

    public int? Port { get; set; }

    public SmtpSecurity? Security { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Sender { get; set; }

    /// <summary>Addresses separated by commas or semicolons.</summary>
    public string? Recipients { get; set; }

    public EventSeverity? MinimumSeverity { get; set; }
}
