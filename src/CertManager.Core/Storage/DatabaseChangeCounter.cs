using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CertManager.Core.Storage;

/// <summary>
/// SQLite's <c>PRAGMA data_version</c> on connections of its own, which never write: the value changes whenever any
/// other connection, of this process or another, committed a change to the database. A cache of database rows compares
/// it to tell, in a few microseconds, whether what it holds can still be trusted.
/// </summary>
public sealed class DatabaseChangeCounter(DataDirectory dataDirectory) : IDisposable
{
    // A connection per concurrent reader, taken and given back: one shared connection behind a lock was contended by
    // every request of a busy console. data_version compares commits of other connections, so any of them will do.
    private readonly ConcurrentBag<VersionReader> _readers = [];
    private bool _disposed;

    /// <summary>A number that differs from the previous one if anything was committed in between.</summary>
    public long Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _readers.TryTake(out var idle) ? idle : new VersionReader(dataDirectory.DatabaseFile);
        try
        {
            return reader.Read();
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

    private sealed class VersionReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;

        public VersionReader(string databaseFile)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = "PRAGMA data_version";
            _command.Prepare();
        }

        public long Read() => (long)_command.ExecuteScalar()!;

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
