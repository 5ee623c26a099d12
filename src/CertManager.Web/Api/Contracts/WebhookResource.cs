using CertManager.Core.Alerts.Channels;
using CertManager.Core.Events;

namespace CertManager.Web.Api.Contracts;

/// <summary>A webhook alert channel as the API shows it: never its URL or secret, which are secrets themselves.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Format">Generic, Slack or Teams.</param>
/// <param name="MinimumSeverity">Alerts for events at or above this severity are sent.</param>
/// <param name="Signed">Whether generic payloads carry an HMAC-SHA256 signature.</param>
/// <param name="Source"><c>configuration</c> (remove it there) or <c>console</c> (added on the page or through the API).</param>
internal sealed record WebhookResource(string Name, WebhookFormat Format, EventSeverity MinimumSeverity, bool Signed, string Source)
{
    public static WebhookResource Of(WebhookConfiguration webhook) => new(
        webhook.Name,
        webhook.Format,
        webhook.MinimumSeverity,
        webhook.Format == WebhookFormat.Generic && !string.IsNullOrEmpty(webhook.Secret),
        webhook.SavedInConsole ? "console" : "configuration");
}
