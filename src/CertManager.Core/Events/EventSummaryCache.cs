using CertManager.Core.Storage;

namespace CertManager.Core.Events;

/// <summary>
/// What every page shows about the event log without filtering it: the count of active events (the navigation badge),
/// the sources (the Event Viewer's filter) and the number of events (its unfiltered pager). Read from the database
/// once and kept while the database is unchanged (<see cref="DatabaseChangeCounter"/>: a commit by this process or by
/// another, such as <c>certman check-expiry</c>, makes the next reader read it again). Without it each page view
/// counted and scanned the whole table, so that a page cost more the longer the console had run.
/// </summary>
public sealed class EventSummaryCache(DatabaseChangeCounter changes)
{
    private Entry? _entry;

    /// <summary>The cached summary, or one read by <paramref name="read"/> when the database changed since.</summary>
    public async Task<EventSummary> GetAsync(Func<CancellationToken, Task<EventSummary>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        // Read before the rows: a commit in between leaves an older version with them, so they are read again.
        var version = changes.Read();
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Version == version)
        {
            return entry.Summary;
        }

        var summary = await read(cancellationToken);
        Volatile.Write(ref _entry, new Entry(summary, version));
        return summary;
    }

    private sealed record Entry(EventSummary Summary, long Version);
}
