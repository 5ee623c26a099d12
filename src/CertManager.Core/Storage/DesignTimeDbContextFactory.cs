using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CertManager.Core.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the console.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CertManagerDbContext>
{
    public CertManagerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CertManagerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
