using CertManager.Core.Storage;

namespace CertManager.Core.Events;

/// <summary>
/// What every page shows about the event log without filtering it: the count of active events (the navigation badge),
/// the sources (the Event Viewer's filter), the number of events (its unfiltered pager) and the newest page. Read from
/// the database once and kept while the database is unchanged (<see cref="DatabaseChangeCounter"/>: a commit by this
/// process or by another, such as <c>certman check-expiry</c>, makes the next reader read it again). Without it each
/// page view counted and scanned the whole table, so that a page cost more the longer the console had run.
/// </summary>
/// <remarks>
/// After a commit, the requests in flight all find the summary out of date at once: they share one read (the first
/// of them starts it, the others of the same or an older change-counter reading wait for it) rather than each reading
/// it again, which with 50 requests in flight and 100,000 events cost a page view the time of 50 such reads.
/// </remarks>
public sealed class EventSummaryCache(DatabaseChangeCounter changes)
{
    private Entry? _entry;

    /// <summary>The cached summary, or one read by <paramref name="read"/> when the database changed since.</summary>
    public Task<EventSummary> GetAsync(Func<CancellationToken, Task<EventSummary>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        // Read before the rows: a commit in between leaves an older version with them, so they are read again. A read
        // started at this version or a later one began after every commit this caller could have seen.
        var version = changes.Read();
        while (true)
        {
            var entry = Volatile.Read(ref _entry);
            if (entry is not null && entry.Version >= version && !entry.Summary.IsFaulted && !entry.Summary.IsCanceled)
            {
                return entry.Summary.WaitAsync(cancellationToken);
            }

            var mine = new Entry(version);
            if (Interlocked.CompareExchange(ref _entry, mine, entry) == entry)
            {
                // Not cancelled by the caller that started it: the others wait for the same result.
                mine.Start(read);
                return mine.Summary.WaitAsync(cancellationToken);
            }
        }
    }

    private sealed class Entry(long version)
    {
        private readonly TaskCompletionSource<EventSummary> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Version { get; } = version;

        public Task<EventSummary> Summary => _summary.Task;

        public void Start(Func<CancellationToken, Task<EventSummary>> read) =>
            _ = Task.Run(async () =>
            {
                try
                {
                    _summary.TrySetResult(await read(CancellationToken.None));
                }
#pragma warning disable CA1031 // Whatever the read threw is what each waiting caller's own read would have thrown; the next caller reads again.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    _summary.TrySetException(exception);
                }
            }, CancellationToken.None);
    }
}
