using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CertManager.Core.Tests.Storage.Providers;

/// <summary>
/// Each engine's context runs on a compiled model (Storage/CompiledModels), which spares every start-up building the
/// model from <c>OnModelCreating</c>. A compiled model is generated code: after a model change it must be generated
/// again, or the console would run on the old model.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "Generate the compiled models again: `dotnet ef dbcontext optimize --project src/CertManager.Core --context CertManagerDbContext " +
        "--output-dir Storage/CompiledModels/Sqlite --namespace CertManager.Core.Storage.CompiledModels.Sqlite` and the same with " +
        "`--context PostgreSqlDbContext --output-dir Storage/CompiledModels/PostgreSql --namespace CertManager.Core.Storage.CompiledModels.PostgreSql`.";

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_EachProvider_IsTheCompiledModel(string provider)
    {
        using var context = DesignTimeContext(provider);

        Assert.Contains(".CompiledModels.", context.Model.GetType().FullName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompiledModel_EachProvider_MatchesTheModelBuiltFromConfiguration(string provider)
    {
        using var context = DesignTimeContext(provider);
        var compiled = context.Model;
        var configured = context.GetService<IDesignTimeModel>().Model;

        Assert.True(
            Describe(compiled) == Describe(configured),
            $"{Regenerate}\nCompiled:\n{Describe(compiled)}\nConfigured:\n{Describe(configured)}");
    }

    /// <summary>
    /// What the console relies on: tables, columns with their CLR and store types and converters, keys, indexes,
    /// navigations. (The read-optimized compiled model keeps no design-time data, so the migrations differ cannot compare it.)
    /// </summary>
    private static string Describe(IModel model) => string.Join('\n', model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(entity =>
        new[] { $"{entity.Name} -> {entity.GetTableName()}" }
            .Concat(entity.GetProperties().Select(p => $"  {p.Name}: {p.ClrType.Name} {p.GetColumnName()} {p.GetColumnType()} nullable={p.IsNullable} converter={p.GetTypeMapping().Converter?.GetType().Name} max={p.GetMaxLength()} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated}"))
            .Concat(entity.GetKeys().Select(k => $"  key {string.Join(',', k.Properties.Select(p => p.Name))}"))
            .Concat(entity.GetIndexes().Select(i => $"  index {string.Join(',', i.Properties.Select(p => p.Name))} unique={i.IsUnique}"))
            .Concat(entity.GetNavigations().Select(n => $"  navigation {n.Name} -> {n.TargetEntityType.Name}"))));

    private static CertManagerDbContext DesignTimeContext(string provider) => provider == "Sqlite"
        ? new DesignTimeDbContextFactory().CreateDbContext([])
        : new PostgreSqlDesignTimeDbContextFactory().CreateDbContext([]);
}
