using CertManager.Core.Events;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// A webhook added on the settings page or through the API. The URL (chat webhooks carry their secret in it) and the
/// signing secret are stored only encrypted under the master key (<see cref="Storage.KeyProtector"/>).
/// </summary>
internal sealed class WebhookChannelEntry
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public byte[] ProtectedUrl { get; set; } = [];

    public byte[]? ProtectedSecret { get; set; }

    public WebhookFormat Format { get; set; } = WebhookFormat.Generic;

    public EventSeverity MinimumSeverity { get; set; } = EventSeverity.Warning;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
