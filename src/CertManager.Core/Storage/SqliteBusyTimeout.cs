using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CertManager.Core.Storage;

/// <summary>
/// Sets SQLite's own busy timeout on every connection EF Core opens. The console, certman and the scheduled jobs write
/// one database from several processes; Microsoft.Data.Sqlite retries a statement that meets a lock, but not the
/// commit that runs when a statement's reader is disposed (INSERT … RETURNING), which then failed at once with
/// "database is locked" after the work was done. With the timeout SQLite itself waits, at every lock, for a bounded time.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>As long as Microsoft.Data.Sqlite's default command timeout: a lock held longer is a stuck process.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string Pragma = $"PRAGMA busy_timeout = {(int)Timeout.TotalMilliseconds}";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragma;
        return command;
    }
}
