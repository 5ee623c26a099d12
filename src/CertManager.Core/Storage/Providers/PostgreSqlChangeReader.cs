using Npgsql;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// PostgreSQL's <c>pg_current_snapshot()</c> (the next transaction id and those still running) on a connection that
/// never writes. Only a writing transaction is given an id, so a commit since the previous reading either started after
/// it (the next id moved) or was running then (it left the list): the snapshot differs. Reads never change it. A commit
/// in another database of the same server changes it too, which only costs a cache one extra read.
/// </summary>
internal sealed class PostgreSqlChangeReader : IDatabaseChangeReader
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private string? _last;

    public PostgreSqlChangeReader(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        _command = new NpgsqlCommand("SELECT pg_current_snapshot()::text", _connection);
        _command.Prepare();
    }

    public bool HasChanged()
    {
        var snapshot = (string)_command.ExecuteScalar()!;
        var changed = !string.Equals(_last, snapshot, StringComparison.Ordinal);
        _last = snapshot;
        return changed;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}
