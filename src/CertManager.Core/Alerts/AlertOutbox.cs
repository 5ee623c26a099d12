using CertManager.Core.Alerts.Channels;
using CertManager.Core.Events;
using CertManager.Core.Storage;

namespace CertManager.Core.Alerts;

/// <summary>
/// Queues the alert for an event in the event's own transaction (the transactional outbox pattern): one row for email
/// and one for each webhook whose minimum severity the event reaches.
/// </summary>
internal static class AlertOutbox
{
    public static void EnqueueIfWanted(CertManagerDbContext context, EventEntry entry, EventDraft draft, AlertSettings settings, DateTimeOffset now)
    {
        // Info is never alerted, and delivery failures are never alerted themselves, so a broken channel cannot feed a loop.
        if (draft.Severity == EventSeverity.Info || draft.Source == EventSources.Alerts)
        {
            return;
        }

        var (subject, body) = AlertComposer.Compose(draft, now);
        if (settings.IsComplete && draft.Severity >= settings.MinimumSeverity)
        {
            Add(context, entry, EmailAlertChannel.Name, subject, body, now);
        }

        foreach (var webhook in settings.Webhooks.Where(w => draft.Severity >= w.MinimumSeverity))
        {
            Add(context, entry, webhook.ChannelName, subject, WebhookPayload.Create(draft, subject, body, now), now);
        }
    }

    private static void Add(CertManagerDbContext context, EventEntry entry, string channel, string subject, string body, DateTimeOffset now) =>
        context.AlertOutbox.Add(new AlertMessage
        {
            Event = entry,
            Channel = channel,
            CreatedAt = now,
            NextAttemptAt = now,
            Subject = subject,
            Body = body,
        });
}
