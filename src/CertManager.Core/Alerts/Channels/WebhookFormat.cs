namespace CertManager.Core.Alerts.Channels;

/// <summary>What a webhook receives: the console's own JSON, or a chat service's incoming-webhook message.</summary>
public enum WebhookFormat
{
    /// <summary>The documented JSON payload (docs/alerts.md), signed with HMAC-SHA256 when a secret is set.</summary>
    Generic,

    /// <summary>A Slack incoming webhook: <c>{"text": ...}</c>.</summary>
    Slack,

    /// <summary>A Microsoft Teams incoming webhook: a MessageCard.</summary>
    Teams,
}
