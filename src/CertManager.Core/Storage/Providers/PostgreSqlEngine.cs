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
        _options = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString).Options;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string Description { get; }

    /// <summary>For the engine's own connections (change readers, notifications); never logged.</summary>
    internal string ConnectionString => _connectionString;

    public CertManagerDbContext CreateContext() => new PostgreSqlDbContext(_options);

    public IDatabaseChangeReader OpenChangeReader() => new PostgreSqlChangeReader(_connectionString);

    public Task<IDisposable> LockForMigrationAsync(TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable>(new NoLock());

    public Task<bool> RemoveStaleMigrationLockAsync(CertManagerDbContext context, CancellationToken cancellationToken) => Task.FromResult(false);

    private sealed class NoLock : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
