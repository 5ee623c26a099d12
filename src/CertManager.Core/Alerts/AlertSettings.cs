using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>
/// The SMTP settings in effect: configuration where it sets a value, else what was saved on the settings page.
/// <see cref="FromConfiguration"/> names the fields configuration supplies, so the page can say so.
/// </summary>
public sealed record AlertSettings(
    string? Host,
    int Port,
    SmtpSecurity Security,
    string? UserName,
    bool HasPassword,
    string? Sender,
    IReadOnlyList<string> Recipients,
    EventSeverity MinimumSeverity,
    IReadOnlySet<string> FromConfiguration)
{
    public const int DefaultPort = 587;

    /// <summary>The webhook channels (configuration only); not part of the API's answer: their URLs and secrets are secret.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Channels.WebhookConfiguration> Webhooks { get; init; } = [];

    /// <summary>Never printed: records print public members only, and this one is internal.</summary>
    internal string? Password { get; init; }

    /// <summary>Alerts are queued only when there is somewhere to send them.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Sender) && Recipients.Count > 0;

    public bool IsFromConfiguration(string field) => FromConfiguration.Contains(field);

    /// <summary>Splits a recipients field on commas, semicolons and white space.</summary>
    public static IReadOnlyList<string> ParseRecipients(string? recipients) =>
        (recipients ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
