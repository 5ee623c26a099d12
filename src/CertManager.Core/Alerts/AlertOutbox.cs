using CertManager.Core.Events;
using CertManager.Core.Storage;

namespace CertManager.Core.Alerts;

/// <summary>Queues the alert for an event in the event's own transaction (the transactional outbox pattern).</summary>
internal static class AlertOutbox
{
    public static void EnqueueIfWanted(CertManagerDbContext context, EventEntry entry, EventDraft draft, AlertSettings settings, DateTimeOffset now)
    {
        if (!settings.IsComplete || draft.Severity < settings.MinimumSeverity || draft.Severity == EventSeverity.Info || draft.Source == EventSources.Alerts)
        {
            return;
        }

        var (subject, body) = AlertComposer.Compose(draft, now);
        context.AlertOutbox.Add(new AlertMessage
        {
            Event = entry,
            CreatedAt = now,
            NextAttemptAt = now,
            Subject = subject,
            Body = body,
        });
    }
}
