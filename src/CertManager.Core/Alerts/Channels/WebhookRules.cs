using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Alerts.Channels;

/// <summary>What makes a webhook deliverable, the same for configuration and for the settings page and API.</summary>
internal static class WebhookRules
{
    /// <summary>Each rule the webhook breaks, as a sentence; empty when it is deliverable.</summary>
    public static List<string> Broken(WebhookConfiguration webhook)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(webhook, new ValidationContext(webhook), results, validateAllProperties: true);
        var broken = results.Select(r => r.ErrorMessage ?? "The webhook is not valid.").ToList();
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            broken.Add("The URL must be an absolute https:// (or http://) URL.");
        }

        return broken;
    }
}
