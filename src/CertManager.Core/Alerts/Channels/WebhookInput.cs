using CertManager.Core.Events;

namespace CertManager.Core.Alerts.Channels;

/// <summary>A webhook as an administrator enters it on the settings page or sends it to the API.</summary>
public sealed record WebhookInput(string Name, string Url, WebhookFormat Format, string? Secret, EventSeverity MinimumSeverity);
