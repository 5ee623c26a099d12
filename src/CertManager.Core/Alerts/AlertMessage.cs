using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>
/// One alert in the outbox: written with its event, removed from the queue only by a successful delivery
/// (<see cref="SentAt"/>), so a mail server that is down or refuses delays an alert but never loses it.
/// </summary>
internal sealed class AlertMessage
{
    public long Id { get; set; }

    public long EventId { get; set; }

    public EventEntry? Event { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The channel that sends it: <c>email</c> or <c>webhook:&lt;name&gt;</c> (one row per alert and channel).</summary>
    public string Channel { get; set; } = Channels.EmailAlertChannel.Name;

    public required string Subject { get; set; }

    /// <summary>The email's text, or for a webhook the JSON payload (its delivery id fixed at enqueue, so retries repeat it).</summary>
    public required string Body { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When the persistent failure was recorded as an event; once per alert.</summary>
    public DateTimeOffset? FailureRecordedAt { get; set; }
}
