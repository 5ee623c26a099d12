namespace CertManager.Core.Storage.Providers;

/// <summary>
/// What differs between the database engines the console can keep its state in: how a context is opened, how a
/// commit by any process is noticed and how migrations are serialised. One implementation per
/// <see cref="DatabaseProvider"/> in this folder; everything else uses EF Core and does not know which one runs.
/// </summary>
public interface IDatabaseEngine
{
    DatabaseProvider Provider { get; }

    /// <summary>Names the database for messages and logs: the file, or host and database name (never a password).</summary>
    string Description { get; }

    /// <summary>What this process wrote through the engine's contexts, counted after each write.</summary>
    LocalCommitCounter Commits { get; }

    /// <summary>A new context over this engine; the caller disposes it.</summary>
    CertManagerDbContext CreateContext();

    /// <summary>A connection of its own that tells whether anything was committed since its previous reading.</summary>
    IDatabaseChangeReader OpenChangeReader();

    /// <summary>Held while this process applies migrations; released on dispose, and by the engine if the process dies.</summary>
    Task<IDisposable> LockForMigrationAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken);

    /// <summary>Tells every node listening on <paramref name="channel"/>, when the context's current transaction commits; nothing on an engine without notifications.</summary>
    void Notify(CertManagerDbContext context, string channel, string payload);

    /// <summary>
    /// Calls <paramref name="received"/> with each notification on <paramref name="channel"/> (and with null after a
    /// reconnection, when some may have been missed) until disposed; null when the engine has no notifications and
    /// the caller relies on polling alone.
    /// </summary>
    IDisposable? Listen(string channel, Action<string?> received);

    /// <summary>
    /// Creates the tables of the clustered job scheduler (Quartz.NET's own schema) when they are missing, serialised
    /// between nodes; true when it created them. Nothing on an engine whose console keeps its jobs in memory.
    /// </summary>
    Task<bool> EnsureJobStoreSchemaAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken);

    /// <summary>Removes a migration lock that a killed process left in the database; true when one was removed.</summary>
    Task<bool> RemoveStaleMigrationLockAsync(CertManagerDbContext context, CancellationToken cancellationToken);
}
