using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Tests.Storage.Providers;

/// <summary>Each engine has its own migrations; both must describe the one model, so a model change needs a migration for each.</summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void HasPendingModelChanges_EachProvidersMigrations_MatchTheModel(string provider)
    {
        using var context = DesignTimeContext(provider);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            $"The model differs from the {provider} migrations: add one with `dotnet ef migrations add Name --project src/CertManager.Core` " +
            "and `dotnet ef migrations add Name --project src/CertManager.Core --context PostgreSqlDbContext --output-dir Storage/Migrations/PostgreSql`.");
    }

    [Fact]
    public void GetMigrations_TwoProviders_NeitherRunsTheOthersMigrations()
    {
        using var sqlite = DesignTimeContext("Sqlite");
        using var postgreSql = DesignTimeContext("PostgreSql");

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgreSqlMigrations = postgreSql.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgreSqlMigrations);
        Assert.Empty(sqliteMigrations.Intersect(postgreSqlMigrations));
    }

    private static CertManagerDbContext DesignTimeContext(string provider) => provider == "Sqlite"
        ? new DesignTimeDbContextFactory().CreateDbContext([])
        : new PostgreSqlDesignTimeDbContextFactory().CreateDbContext([]);
}
