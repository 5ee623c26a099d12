using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>What an administrator saves on the settings page. Fields that configuration supplies are ignored.</summary>
public sealed record AlertSettingsInput(
    string? Host,
    int Port,
    SmtpSecurity Security,
    string? UserName,
    string? Sender,
    string? Recipients,
    EventSeverity MinimumSeverity)
{
    /// <summary>A new password; null keeps the stored one.</summary>
    public string? NewPassword { get; init; }

    /// <summary>Removes the stored password (and with it authentication unless a user name and password are given again).</summary>
    public bool ClearPassword { get; init; }
}
