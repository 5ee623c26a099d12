using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>The SMTP settings saved on the settings page: one row. The password is stored only encrypted (<see cref="Storage.KeyProtector"/>).</summary>
internal sealed class AlertSettingsEntry
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string? Host { get; set; }

    public int Port { get; set; } = AlertSettings.DefaultPort;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public byte[]? ProtectedPassword { get; set; }

    public string? Sender { get; set; }

    public string? Recipients { get; set; }

    public EventSeverity MinimumSeverity { get; set; } = EventSeverity.Warning;

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
