using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage;

/// <summary>Brings the database to the current schema by applying EF Core migrations; creates it on first start.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CertManagerDbContext> contextFactory, DataDirectory dataDirectory)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        // First start: the directory (mode 0700) must exist before SQLite creates the database in it.
        dataDirectory.EnsureCreated();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
    }
}
