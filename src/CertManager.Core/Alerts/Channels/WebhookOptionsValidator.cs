using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Alerts.Channels;

/// <summary>Refuses to start with a webhook that could never be delivered: no name, a duplicate name, or no http(s) URL.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(webhook, new ValidationContext(webhook), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{AlertOptions.SectionName}:Webhooks:{i}: {r.ErrorMessage}"));
            }

            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                failures.Add($"{AlertOptions.SectionName}:Webhooks:{i}:Url must be an absolute https:// (or http://) URL.");
            }
        }

        failures.AddRange(options.Webhooks.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{AlertOptions.SectionName}:Webhooks: the name '{g.Key}' is used more than once."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
