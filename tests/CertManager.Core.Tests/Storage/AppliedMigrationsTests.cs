using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using CertManager.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CertManager.Core.Tests.Storage;

/// <summary>
/// The start-up's cheap migrations check against EF Core's own, on the engine of the test run: a current store, a store
/// one migration behind (which must still be migrated), a store written by a newer version, and one without history.
/// </summary>
public sealed class AppliedMigrationsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private const string NewerMigrationId = "29991231000000_FromANewerVersion";

    private readonly CoreTestHost _host = CoreTestHost.Create();

    [Fact]
    public async Task IncludeAllKnownAsync_CurrentStore_True()
    {
        await using var context = CreateContext();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.True(await AppliedMigrations.IncludeAllKnownAsync(context, CancellationToken.None));
    }

    [Fact]
    public async Task IncludeAllKnownAsync_StoreOneMigrationBehind_False()
    {
        await StepBackOneMigrationAsync();
        await using var context = CreateContext();

        Assert.Single(await context.Database.GetPendingMigrationsAsync());
        Assert.False(await AppliedMigrations.IncludeAllKnownAsync(context, CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_StoreOneMigrationBehind_AppliesIt()
    {
        var newest = await StepBackOneMigrationAsync();

        await _host.Get<DatabaseInitializer>().MigrateAsync().WaitAsync(Bound);

        await using var context = CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Contains(newest, await context.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_StoreWrittenByNewerVersion_StartsAsBeforeAndKeepsItsHistory()
    {
        await using (var context = CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{HistoryRepository.DefaultTableName}\" (\"MigrationId\", \"ProductVersion\") VALUES ('{NewerMigrationId}', '99.0.0')");
            Assert.True(await AppliedMigrations.IncludeAllKnownAsync(context, CancellationToken.None));
        }

        await _host.Get<DatabaseInitializer>().MigrateAsync().WaitAsync(Bound);

        await using var after = CreateContext();
        Assert.Contains(NewerMigrationId, await after.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task IncludeAllKnownAsync_NoHistoryTable_False()
    {
        await using var context = CreateContext();
        await context.Database.ExecuteSqlRawAsync($"DROP TABLE \"{HistoryRepository.DefaultTableName}\"");

        Assert.False(await AppliedMigrations.IncludeAllKnownAsync(context, CancellationToken.None));
        Assert.NotEmpty(await context.Database.GetPendingMigrationsAsync());
    }

    public void Dispose() => _host.Dispose();

    private CertManagerDbContext CreateContext() => _host.Get<IDatabaseEngine>().CreateContext();

    /// <summary>Reverts the newest migration with its generated Down step, as a store left by the previous release; returns its id.</summary>
    private async Task<string> StepBackOneMigrationAsync()
    {
        await using var context = CreateContext();
        var migrations = context.Database.GetMigrations().ToList();
        await context.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        return migrations[^1];
    }
}
