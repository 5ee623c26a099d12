using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// SQLite's <c>PRAGMA data_version</c> on a connection that never writes: it changes when another connection committed.
/// The value is a property of the connection (two connections give unrelated numbers), so each reader compares only
/// with its own previous reading.
/// </summary>
/// <remarks>
/// Every page view reads it several times (the session check, the navigation badge, the cached rows of the page), so
/// the statement is prepared once and stepped through SQLite's own interface: through an ADO.NET command each reading
/// built a data reader and cost about a twentieth of a page.
/// </remarks>
internal sealed class SqliteChangeReader : IDatabaseChangeReader
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private long? _last;

    public SqliteChangeReader(string databaseFile)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        // A commit by another connection holds the database's exclusive lock for a moment; without a busy timeout the
        // reading failed at once with "database is locked" and so did the page view (or /health) that asked for it.
        var timeout = raw.sqlite3_busy_timeout(_connection.Handle, (int)SqliteBusyTimeout.Timeout.TotalMilliseconds);
        SqliteException.ThrowExceptionForRC(timeout, _connection.Handle);
        var prepared = raw.sqlite3_prepare_v2(_connection.Handle, "PRAGMA data_version", out _statement);
        SqliteException.ThrowExceptionForRC(prepared, _connection.Handle);
    }

    public bool HasChanged()
    {
        try
        {
            var stepped = raw.sqlite3_step(_statement);
            if (stepped != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(stepped, _connection.Handle);
                throw new InvalidOperationException($"PRAGMA data_version returned no row (SQLite result {stepped}).");
            }

            var version = raw.sqlite3_column_int64(_statement, 0);
            var changed = _last != version;
            _last = version;
            return changed;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose()
    {
        _statement.Dispose();
        _connection.Dispose();
    }
}
