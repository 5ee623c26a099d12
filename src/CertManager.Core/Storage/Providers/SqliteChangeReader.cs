using Microsoft.Data.Sqlite;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// SQLite's <c>PRAGMA data_version</c> on a connection that never writes: it changes when another connection committed.
/// The value is a property of the connection (two connections give unrelated numbers), so each reader compares only
/// with its own previous reading.
/// </summary>
internal sealed class SqliteChangeReader : IDatabaseChangeReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private long? _last;

    public SqliteChangeReader(string databaseFile)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.CommandText = "PRAGMA data_version";
        _command.Prepare();
    }

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
