using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// A PostgreSQL database shared by several console nodes. EF Core's PostgreSQL migrations lock a table inside their
/// transaction, which the server releases when a migrating process dies, so no lock of CertManager's own is needed.
/// </summary>
internal sealed class PostgreSqlEngine : IDatabaseEngine
{
    private readonly string _connectionString;
    private readonly DbContextOptions<PostgreSqlDbContext> _options;

    public PostgreSqlEngine(string connectionString)
    {
        _connectionString = connectionString;
        _options = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString).AddInterceptors(Commits).Options;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public LocalCommitCounter Commits { get; } = new();

    public string Description { get; }

    public CertManagerDbContext CreateContext() => new PostgreSqlDbContext(_options);

    public IDatabaseChangeReader OpenChangeReader() => new PostgreSqlChangeReader(_connectionString);

    /// <summary><c>pg_notify</c> is transactional: the listeners hear it when the transaction commits, never before or after a rollback.</summary>
    public void Notify(CertManagerDbContext context, string channel, string payload) =>
        context.Database.ExecuteSql($"SELECT pg_notify({channel}, {payload})");

    public IDisposable? Listen(string channel, Action<string?> received) => new PostgreSqlListener(_connectionString, channel, received);

    public Task<IDisposable> LockForMigrationAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable>(new NoLock());

    public Task<bool> EnsureJobStoreSchemaAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken) =>
        new JobStore.PostgreSqlJobStoreSchema(_connectionString).EnsureCreatedAsync(timeout, waiting, cancellationToken);

    public Task<bool> RemoveStaleMigrationLockAsync(CertManagerDbContext context, CancellationToken cancellationToken) => Task.FromResult(false);

    private sealed class NoLock : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
