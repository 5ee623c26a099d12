using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CertManager.Core.Events;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// One webhook alert channel, from configuration (<c>CertManager:Alerts:Webhooks:N:*</c>) or added on the settings
/// page or through the API (<see cref="WebhookChannelStore"/>).
/// </summary>
public sealed class WebhookConfiguration
{
    /// <summary>Names the channel in the outbox, events and metrics: letters, digits and '-'.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]{1,40}$", ErrorMessage = "A webhook name is 1 to 40 letters, digits or '-'.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Where alerts are POSTed (https, or http on a trusted network). Never shown: chat webhooks carry their secret in the URL.</summary>
    [Required]
    [Url]
    [JsonIgnore]
    public string Url { get; set; } = string.Empty;

    public WebhookFormat Format { get; set; } = WebhookFormat.Generic;

    /// <summary>Shared secret for the <c>X-CertManager-Signature</c> header (generic format); none when empty.</summary>
    [JsonIgnore]
    public string? Secret { get; set; }

    /// <summary>Alerts for events at or above this severity go to this channel (default WARNING).</summary>
    public EventSeverity MinimumSeverity { get; set; } = EventSeverity.Warning;

    /// <summary>True for a webhook added on the settings page or through the API; false for one from configuration.</summary>
    public bool SavedInConsole { get; init; }

    /// <summary>The channel's name in the outbox.</summary>
    public string ChannelName => WebhookAlertChannel.Prefix + Name;
}
