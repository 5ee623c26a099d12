using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Storage;

/// <summary>SQLite's migration lock: EF Core's lock row a killed process leaves behind, and the lock file that replaces it.</summary>
[Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
public sealed class DatabaseInitializerTests : IDisposable
{
    // Far longer than a migration takes on a loaded machine; the unfixed migrator waits forever, so this is what fails.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new("certmanager-migrate");

    [Fact]
    public async Task MigrateAsync_StaleEfLockRowAndNothingPending_CompletesWithoutTakingALock()
    {
        await MigrateAsync();
        LeaveStaleEfLockRow();

        await MigrateAsync();

        Assert.Equal(1, CountLockRows());
    }

    [Fact]
    public async Task MigrateAsync_StaleEfLockRowWithMigrationsPending_RemovesItAndMigrates()
    {
        await using (var services = CreateServices())
        {
            await using var context = await services.GetRequiredService<IDbContextFactory<CertManagerDbContext>>().CreateDbContextAsync();
            var first = context.Database.GetMigrations().First();
            await context.GetService<IMigrator>().MigrateAsync(first);
        }

        LeaveStaleEfLockRow();

        await MigrateAsync();

        Assert.Equal(0, CountLockRows());
        await using var after = CreateServices();
        await using var migrated = await after.GetRequiredService<IDbContextFactory<CertManagerDbContext>>().CreateDbContextAsync();
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_AnotherProcessHoldsMigrationLock_WaitsSaysWhyThenProceeds()
    {
        await using var services = CreateServices();
        var initializer = services.GetRequiredService<DatabaseInitializer>();
        var lockFile = services.GetRequiredService<DataDirectory>().MigrationLockFile;
        var waitingMessage = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        initializer.Waiting += message => waitingMessage.TrySetResult(message);
        services.GetRequiredService<DataDirectory>().EnsureCreated();

        Task migration;
        using (Hold(lockFile))
        {
            migration = initializer.MigrateAsync();
            var message = await waitingMessage.Task.WaitAsync(Bound);

            Assert.Contains("migrating the database", message, StringComparison.Ordinal);
            Assert.Contains(lockFile, message, StringComparison.Ordinal);
            Assert.False(migration.IsCompleted);
        }

        await migration.WaitAsync(Bound);
        await using var context = await services.GetRequiredService<IDbContextFactory<CertManagerDbContext>>().CreateDbContextAsync();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_HolderNeverReleases_GivesUpNamingTheLockFile()
    {
        await using var services = CreateServices();
        var initializer = services.GetRequiredService<DatabaseInitializer>();
        initializer.LockTimeout = TimeSpan.FromSeconds(1);
        var lockFile = services.GetRequiredService<DataDirectory>().MigrationLockFile;
        services.GetRequiredService<DataDirectory>().EnsureCreated();
        using var held = Hold(lockFile);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => initializer.MigrateAsync().WaitAsync(Bound));

        Assert.Contains(lockFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("migrating the database", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    /// <summary>A separate open file description takes its own flock, exactly as another process would.</summary>
    private static FileStream Hold(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private async Task MigrateAsync()
    {
        await using var services = CreateServices();
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync().WaitAsync(Bound);
    }

    /// <summary>What a migrator killed with SIGKILL while holding EF Core's lock leaves behind.</summary>
    private void LeaveStaleEfLockRow() => Execute(
        "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);" +
        "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-29 12:00:00+00:00');");

    private long CountLockRows() => (long)Execute("SELECT count(*) FROM \"__EFMigrationsLock\"")!;

    private object? Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "certmanager.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private ServiceProvider CreateServices() =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = _directory.Path,
                ["CertManager:HostName"] = "console.example.test",
            }).Build())
            .AddLogging()
            .AddCertManagerCore()
            .BuildServiceProvider();
}
