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
            failures.AddRange(WebhookRules.Broken(options.Webhooks[i]).Select(rule => $"{AlertOptions.SectionName}:Webhooks:{i}: {rule}"));
        }

        failures.AddRange(options.Webhooks.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{AlertOptions.SectionName}:Webhooks: the name '{g.Key}' is used more than once."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
