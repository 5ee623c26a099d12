using System.Collections.Concurrent;
using CertManager.Core.Storage.Providers;

namespace CertManager.Core.Storage;

/// <summary>
/// A number that grows whenever anything was committed to the database, by this process or another: a cache of
/// database rows compares it to tell, in a few microseconds, whether what it holds can still be trusted.
/// </summary>
/// <remarks>
/// Built on the engine's change readers (<see cref="IDatabaseChangeReader"/>: SQLite's <c>PRAGMA data_version</c>,
/// PostgreSQL's current snapshot), each on a connection of its own that never writes and each comparing only with its
/// own previous reading; a change it sees, or its first reading, moves one shared generation on. Every reading taken
/// after a commit is the first after it for its connection or follows one that was, so it returns a generation above
/// every one returned before the commit. A pool of connections, not one behind a lock: one was contended by every request.
/// </remarks>
public sealed class DatabaseChangeCounter(IDatabaseEngine engine) : IDisposable
{
    private readonly ConcurrentBag<IDatabaseChangeReader> _readers = [];
    private long _generation;
    private bool _disposed;

    /// <summary>
    /// A number above every number returned before the last commit; inside a <see cref="DataVersionSnapshot"/>, the
    /// snapshot's reading while this process has committed nothing since it.
    /// </summary>
    public long Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var snapshot = DataVersionSnapshot.Current;
        if (snapshot is null)
        {
            return ReadDatabase();
        }

        // The count before the reading: a commit in between leaves the reading with an older count, so it is read again.
        var localCommits = engine.Commits.Count;
        if (snapshot.TryGet(this, localCommits, out var kept))
        {
            return kept;
        }

        var version = ReadDatabase();
        snapshot.Keep(this, version, localCommits);
        return version;
    }

    private long ReadDatabase()
    {
        var reader = _readers.TryTake(out var idle) ? idle : engine.OpenChangeReader();
        try
        {
            return reader.HasChanged() ? Interlocked.Increment(ref _generation) : Volatile.Read(ref _generation);
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }
}
