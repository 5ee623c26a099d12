using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.Providers;

/// <summary>The default engine: <c>certmanager.db</c> in the data directory, for one console and the <c>certman</c> beside it.</summary>
internal sealed class SqliteEngine : IDatabaseEngine
{
    private const string MigrationPurpose = "migrating the database";

    private readonly DataDirectory _dataDirectory;
    private readonly DbContextOptions<CertManagerDbContext> _options;

    public SqliteEngine(DataDirectory dataDirectory)
    {
        _dataDirectory = dataDirectory;
        _options = new DbContextOptionsBuilder<CertManagerDbContext>().UseSqlite($"Data Source={dataDirectory.DatabaseFile}")
            .AddInterceptors(new SqliteBusyTimeout(), Commits).Options;
    }

    public LocalCommitCounter Commits { get; } = new();

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string Description => $"SQLite database {_dataDirectory.DatabaseFile}";

    public CertManagerDbContext CreateContext() => new(_options);

    public IDatabaseChangeReader OpenChangeReader() => new SqliteChangeReader(_dataDirectory.DatabaseFile);

    /// <summary>One console per database file: an install in another process (certman) is seen by polling the pointer.</summary>
    public void Notify(CertManagerDbContext context, string channel, string payload)
    {
    }

    public IDisposable? Listen(string channel, Action<string?> received) => null;

    /// <summary>
    /// EF Core's own SQLite migration lock is a row that a killed process leaves behind; an OS file lock (released by the
    /// kernel when its holder dies) serialises CertManager's processes instead.
    /// </summary>
    public async Task<IDisposable> LockForMigrationAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken) =>
        await ProcessFileLock.AcquireAsync(_dataDirectory.MigrationLockFile, MigrationPurpose, timeout, waiting, cancellationToken);

    /// <summary>One console per database file keeps its jobs in Quartz's in-memory store: no tables.</summary>
    public Task<bool> EnsureJobStoreSchemaAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Every CertManager process migrates only under the file lock, so a lock row seen now was left by a dead one.</summary>
    public async Task<bool> RemoveStaleMigrationLockAsync(CertManagerDbContext context, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return false;
            }

            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
