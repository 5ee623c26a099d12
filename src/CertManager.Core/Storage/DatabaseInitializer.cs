using CertManager.Core.Storage.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Storage;

/// <summary>
/// Brings the database to the current schema by applying EF Core migrations; creates it on first start.
/// EF Core's own SQLite migration lock is a row in <c>__EFMigrationsLock</c> that a killed process leaves behind, and
/// every later migration would wait for it forever. So: nothing pending, no lock at all; otherwise migrations are
/// serialised by the engine's lock (<see cref="IDatabaseEngine.LockForMigrationAsync"/>: on SQLite an OS file lock,
/// released by the kernel when its holder dies), and under it any EF lock row can only be stale and is removed. Every
/// wait is bounded and says what it waits for.
/// </summary>
public sealed partial class DatabaseInitializer(IDatabaseEngine engine, DataDirectory dataDirectory, SharedStore.MasterKeyCheck masterKeyCheck, ILogger<DatabaseInitializer> logger)
{
    /// <summary>How long to wait for another process's migration before giving up with a message.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Told, with a sentence for the operator, when this start has to wait for another process.</summary>
    public event Action<string>? Waiting;

    /// <summary>Migrates, creates the clustered scheduler's tables where the engine has them, then refuses (<see cref="SharedStore.MasterKeyMismatchException"/>) a node whose master key cannot read a shared store's keys.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        LogDatabase(logger, engine.Description);
        await MigrateSchemaAsync(cancellationToken);
        // Quartz's tables are Quartz's own script, not an EF migration: created here, once, for the clustered scheduler.
        if (await engine.EnsureJobStoreSchemaAsync(LockTimeout, OnWaiting, cancellationToken))
        {
            LogJobStoreCreated(logger, engine.Description);
        }

        await masterKeyCheck.VerifyAsync(cancellationToken);
    }

    private async Task MigrateSchemaAsync(CancellationToken cancellationToken)
    {
        // First start: the directory (mode 0700) must exist before SQLite creates the database in it.
        dataDirectory.EnsureCreated();
        // Every process that opens the data directory comes here first: what a killed writer left is removed now.
        foreach (var leftover in StagingFiles.RemoveAbandoned(dataDirectory))
        {
            LogLeftoverRemoved(logger, leftover);
        }

        await using var context = engine.CreateContext();
        // Reading the history table takes no lock: the common start, with nothing to migrate, never waits, and it does
        // not build EF Core's migrator either (AppliedMigrations).
        if (await AppliedMigrations.IncludeAllKnownAsync(context, cancellationToken)
            || !await HasPendingMigrationsAsync(context, cancellationToken))
        {
            return;
        }

        using var migrationLock = await engine.LockForMigrationAsync(LockTimeout, OnWaiting, cancellationToken);
        // Whoever held the lock before us may have applied them.
        if (!await HasPendingMigrationsAsync(context, cancellationToken))
        {
            return;
        }

        if (await engine.RemoveStaleMigrationLockAsync(context, cancellationToken))
        {
            LogStaleLockRemoved(logger, engine.Description);
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(LockTimeout);
        try
        {
            await context.Database.MigrateAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Migrating the {engine.Description} did not finish within {LockTimeout.TotalSeconds:0} s: EF Core's migration lock (table __EFMigrationsLock) " +
                "is held by a program that does not take CertManager's lock file. Stop other programs that migrate this database, then start again.");
        }
    }

    private static async Task<bool> HasPendingMigrationsAsync(CertManagerDbContext context, CancellationToken cancellationToken) =>
        (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any();

    private void OnWaiting(string message)
    {
        LogWaiting(logger, message);
        Waiting?.Invoke(message);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Removed a stale database migration lock from {Database}: a process was stopped while migrating; migrating now")]
    private static partial void LogStaleLockRemoved(ILogger logger, string database);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "State is kept in the {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Removed {Path}, left half-written by a process that was stopped")]
    private static partial void LogLeftoverRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Created the job scheduler's tables (Quartz.NET's PostgreSQL schema) in the {Database}")]
    private static partial void LogJobStoreCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogWaiting(ILogger logger, string message);
}
