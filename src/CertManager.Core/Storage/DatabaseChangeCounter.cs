using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CertManager.Core.Storage;

/// <summary>
/// A number that grows whenever anything was committed to the database, by this process or another: a cache of
/// database rows compares it to tell, in a few microseconds, whether what it holds can still be trusted.
/// </summary>
/// <remarks>
/// Built on SQLite's <c>PRAGMA data_version</c>, read on connections of its own that never write. That value is a
/// property of each connection (two connections give unrelated numbers), so each connection remembers what it saw
/// last and a change it sees, or its first reading, moves one shared generation on. Every reading taken after a commit
/// is the first after it for its connection or follows one that was, so it returns a generation above every one
/// returned before the commit. A pool of connections, not one behind a lock: one was contended by every request.
/// </remarks>
public sealed class DatabaseChangeCounter(DataDirectory dataDirectory) : IDisposable
{
    private readonly ConcurrentBag<VersionReader> _readers = [];
    private long _generation;
    private bool _disposed;

    /// <summary>A number above every number returned before the last commit.</summary>
    public long Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _readers.TryTake(out var idle) ? idle : new VersionReader(dataDirectory.DatabaseFile);
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

    /// <summary>One connection and its last <c>data_version</c>; used by one caller at a time.</summary>
    private sealed class VersionReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private long? _last;

        public VersionReader(string databaseFile)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = "PRAGMA data_version";
            _command.Prepare();
        }

        /// <summary>True on the first reading and whenever another connection committed since the previous one.</summary>
        public bool HasChanged()
        {
            var version = (long)_command.ExecuteScalar()!;
            var changed = _last != version;
            _last = version;
            return changed;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
