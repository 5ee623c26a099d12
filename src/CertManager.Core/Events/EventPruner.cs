using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Events;

/// <summary>
/// Deletes events older than <see cref="EventOptions.Retention"/>, with their alert emails, so that the event table
/// cannot grow without bound. An unresolved condition (e.g. "certificate expired") is kept whatever its age: it is
/// still true, and deleting it would raise it again.
/// </summary>
public sealed partial class EventPruner(IDbContextFactory<CertManagerDbContext> contextFactory, IOptions<EventOptions> options, TimeProvider timeProvider, ILogger<EventPruner> logger)
{
    /// <summary>Returns how many events were deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = timeProvider.GetUtcNow() - options.Value.Retention;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var expired = context.Events.Where(e => e.Time < cutoff && (e.ConditionKey == null || e.ResolvedAt != null));
        await context.AlertOutbox.Where(m => expired.Any(e => e.Id == m.EventId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await expired.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPruned(logger, deleted, cutoff);
        }

        return deleted;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Deleted {Count} events recorded before {Cutoff:u} (retention CertManager:Events:Retention)")]
    private static partial void LogPruned(ILogger logger, int count, DateTimeOffset cutoff);
}
