using Microsoft.Data.Sqlite;

namespace CertManager.Core.Storage;

/// <summary>
/// SQLite's <c>PRAGMA data_version</c> on a connection of its own, which never writes: the value changes whenever any
/// other connection, of this process or another, committed a change to the database. A cache of database rows compares
/// it to tell, for a few microseconds, whether what it holds can still be trusted.
/// </summary>
public sealed class DatabaseChangeCounter(DataDirectory dataDirectory) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;

    /// <summary>A number that differs from the previous one if anything was committed in between.</summary>
    public long Read()
    {
        lock (_lock)
        {
            if (_connection is null)
            {
                _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataDirectory.DatabaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                _connection.Open();
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)command.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}
