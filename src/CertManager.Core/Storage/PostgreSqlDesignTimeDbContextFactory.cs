using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CertManager.Core.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context PostgreSqlDbContext --output-dir Storage/Migrations/PostgreSql</c>
/// build the PostgreSQL model; no server is contacted.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=localhost;Database=certmanager_design_time").Options);
}
