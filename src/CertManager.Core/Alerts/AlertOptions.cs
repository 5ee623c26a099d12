using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Alerts;

/// <summary>Email alert delivery: how often the outbox is drained and how failed deliveries are retried.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "CertManager:Alerts";

    /// <summary>How often the outbox is looked at for alerts that are due (default 10 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed delivery; it doubles with each further failure (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts (default 1 hour); delivery is retried until it succeeds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts an alert's failure is recorded as an event (default 5).</summary>
    [Range(1, 1000)]
    public int FailureEventAfterAttempts { get; set; } = 5;

    /// <summary>Gives up on connecting or on an unresponsive server after this long (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gives up on a webhook receiver that does not answer within this long (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public SmtpConfiguration Smtp { get; set; } = new();

    /// <summary>Webhook channels next to email: generic JSON (signed), Slack or Teams (docs/alerts.md).</summary>
    public IList<Channels.WebhookConfiguration> Webhooks { get; } = [];
}
