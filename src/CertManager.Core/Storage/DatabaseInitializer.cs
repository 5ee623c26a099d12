using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage;

/// <summary>Brings the database to the current schema by applying EF Core migrations; creates it on first start.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CertManagerDbContext> contextFactory)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
    }
}
