using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Events;

/// <summary>Writes and reads the console's event log (SQLite).</summary>
public sealed class EventRecorder(IDbContextFactory<CertManagerDbContext> contextFactory, TimeProvider timeProvider)
{
    public const string SystemActor = "system";

    public async Task RecordAsync(EventSeverity severity, string source, string message, string actor, string? certificateFingerprint = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.Events.Add(new EventEntry
        {
            Time = timeProvider.GetUtcNow(),
            Severity = severity,
            Source = source,
            Message = message,
            Actor = actor,
            CertificateFingerprint = certificateFingerprint,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest events first.</summary>
    public async Task<IReadOnlyList<EventRecord>> ListRecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Events
            .OrderByDescending(e => e.Id)
            .Take(count)
            .Select(e => new EventRecord(e.Id, e.Time, e.Severity, e.Source, e.Message, e.CertificateFingerprint, e.Actor))
            .ToListAsync(cancellationToken);
    }
}
