using System.Text.Json;
using System.Text.Json.Nodes;
using CertManager.Core.Details;
using CertManager.Core.Events;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// The generic webhook payload (schema in docs/alerts.md), made when the alert is queued: its <c>deliveryId</c> stays
/// the same across retries so that a receiver can drop duplicates. Slack and Teams messages are made from it when sent.
/// </summary>
internal static class WebhookPayload
{
    public const int SchemaVersion = 1;

    public static string Create(EventDraft draft, string subject, string text, DateTimeOffset now)
    {
        var payload = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["deliveryId"] = Guid.NewGuid().ToString(),
            ["time"] = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["severity"] = draft.Severity.ToString().ToUpperInvariant(),
            ["source"] = draft.Source,
            ["message"] = draft.Message,
            ["advice"] = draft.Advice,
            ["subject"] = subject,
            ["text"] = text,
        };
        if (draft.Certificate is { } certificate)
        {
            payload["certificate"] = new JsonObject
            {
                ["commonName"] = certificate.CommonName,
                ["subject"] = certificate.Subject,
                ["issuer"] = certificate.Issuer,
                ["alternateNames"] = new JsonArray([.. certificate.AlternateNames.Select(name => (JsonNode?)JsonValue.Create(name.ToString()))]),
                ["notAfter"] = certificate.NotAfter.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["daysLeft"] = CertificateDetailsReader.DaysRemaining(certificate.NotAfter, now),
                ["sha256Fingerprint"] = certificate.Sha256Fingerprint,
            };
        }

        return payload.ToJsonString();
    }

    public static string DeliveryId(string payload) =>
        JsonNode.Parse(payload)?["deliveryId"]?.GetValue<string>() ?? string.Empty;

    /// <summary>A Slack incoming-webhook message: the subject in bold, then the event's message and advice.</summary>
    public static string ForSlack(string payload)
    {
        var generic = JsonNode.Parse(payload)!;
        var text = $"*{generic["subject"]}*\n{generic["message"]}{(generic["advice"] is { } advice ? $"\n_{advice}_" : string.Empty)}";
        return new JsonObject { ["text"] = text }.ToJsonString();
    }

    /// <summary>A Microsoft Teams incoming-webhook MessageCard, coloured by severity.</summary>
    public static string ForTeams(string payload)
    {
        var generic = JsonNode.Parse(payload)!;
        var severity = generic["severity"]!.GetValue<string>();
        return new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = generic["subject"]!.GetValue<string>(),
            ["themeColor"] = severity switch { "MAJOR" => "C4314B", "MINOR" => "E97548", "WARNING" => "FFC83D", _ => "6264A7" },
            ["title"] = generic["subject"]!.GetValue<string>(),
            ["text"] = JsonSerializer.Serialize(generic["text"]!.GetValue<string>()).Trim('"').Replace("\\n", "\n\n", StringComparison.Ordinal),
        }.ToJsonString();
    }
}
