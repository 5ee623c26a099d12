using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.Providers;

/// <summary>Opens contexts on the configured engine: a <see cref="PostgreSqlDbContext"/> on PostgreSQL, the plain context on SQLite.</summary>
internal sealed class EngineDbContextFactory(IDatabaseEngine engine) : IDbContextFactory<CertManagerDbContext>
{
    public CertManagerDbContext CreateDbContext() => engine.CreateContext();
}
