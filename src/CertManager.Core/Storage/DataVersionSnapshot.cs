namespace CertManager.Core.Storage;

/// <summary>
/// One reading of the database's data version (<see cref="DatabaseChangeCounter"/>) shared by everything one page view
/// reads: the session check, the navigation badge and each cache of the page ask for it, and only the first asks the
/// database. Begun around a page view by the web host; everything the view awaits sees it, nothing after it ends.
/// </summary>
/// <remarks>
/// The rule of the caches holds: a value is never older than the last commit the reader could have seen. A commit
/// that ended before the view began is in the first reading. A commit this process makes while the view runs, its
/// own or another request's that it may learn of, moves <see cref="Providers.LocalCommitCounter"/> on and the next
/// reader asks the database again. Only another process's commit during the view is not seen: it is concurrent with
/// the view, as it would be had it come a moment later. Held in an <see cref="AsyncLocal{T}"/> because the caches
/// are singletons; ended, it is ignored by whatever still carries it (a timer or a task started by the view).
/// </remarks>
public sealed class DataVersionSnapshot : IDisposable
{
    private static readonly AsyncLocal<DataVersionSnapshot?> Ambient = new();

    private Reading? _reading;
    private volatile bool _ended;

    private DataVersionSnapshot()
    {
    }

    /// <summary>The snapshot of the current page view, or null outside one.</summary>
    internal static DataVersionSnapshot? Current => Ambient.Value is { _ended: false } snapshot ? snapshot : null;

    /// <summary>Begins a snapshot for the calling flow and what it awaits; dispose it when the view ends.</summary>
    public static DataVersionSnapshot Begin()
    {
        var snapshot = new DataVersionSnapshot();
        Ambient.Value = snapshot;
        return snapshot;
    }

    /// <summary>
    /// The version <paramref name="counter"/> kept, when it was read with this process's commit count still at
    /// <paramref name="localCommits"/>. Versions of different counters (databases) are unrelated: only the counter's own.
    /// </summary>
    internal bool TryGet(DatabaseChangeCounter counter, long localCommits, out long version)
    {
        var reading = Volatile.Read(ref _reading);
        version = reading?.Version ?? 0;
        return reading is not null && ReferenceEquals(reading.Counter, counter) && reading.LocalCommits == localCommits;
    }

    internal void Keep(DatabaseChangeCounter counter, long version, long localCommits) =>
        Volatile.Write(ref _reading, new Reading(counter, version, localCommits));

    public void Dispose()
    {
        _ended = true;
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = null;
        }
    }

    private sealed record Reading(DatabaseChangeCounter Counter, long Version, long LocalCommits);
}
