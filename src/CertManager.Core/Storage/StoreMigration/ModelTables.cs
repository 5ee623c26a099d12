using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>
/// Every table of the model, read and written through EF Core so that each provider converts its own column types
/// (SQLite's integers and text become PostgreSQL's booleans, uuids and bytea). A table added to the model is copied
/// without a change here.
/// </summary>
internal static class ModelTables
{
    private const int BatchSize = 500;

    private static readonly MethodInfo CopyMethod = typeof(ModelTables).GetMethod(nameof(CopyAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CountMethod = typeof(ModelTables).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The entity types, each after those its foreign keys point at, so that a table is copied after the rows it refers to.</summary>
    public static IReadOnlyList<IEntityType> InDependencyOrder(DbContext context)
    {
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        foreach (var entity in context.Model.GetEntityTypes().OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            Visit(entity, ordered, visiting);
        }

        return ordered;
    }

    public static string TableName(IEntityType entity) => entity.GetTableName() ?? entity.ClrType.Name;

    /// <summary>Copies every row of <paramref name="entity"/>'s table from <paramref name="source"/> into <paramref name="target"/> (inside the caller's transaction).</summary>
    public static Task<long> CopyTableAsync(IEntityType entity, DbContext source, DbContext target, CancellationToken cancellationToken) =>
        (Task<long>)CopyMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [source, target, cancellationToken])!;

    public static Task<long> CountRowsAsync(IEntityType entity, DbContext context, CancellationToken cancellationToken) =>
        (Task<long>)CountMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [context, cancellationToken])!;

    private static void Visit(IEntityType entity, List<IEntityType> ordered, HashSet<IEntityType> visiting)
    {
        if (ordered.Contains(entity) || !visiting.Add(entity))
        {
            return;
        }

        foreach (var principal in entity.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != entity))
        {
            Visit(principal, ordered, visiting);
        }

        ordered.Add(entity);
    }

    private static async Task<long> CopyAsync<T>(DbContext source, DbContext target, CancellationToken cancellationToken)
        where T : class
    {
        long copied = 0;
        var batch = new List<T>(BatchSize);
        await foreach (var row in source.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                copied += await FlushAsync(target, batch, cancellationToken);
            }
        }

        return copied + await FlushAsync(target, batch, cancellationToken);
    }

    /// <summary>Keys keep their values (identity columns accept them), so the rows that refer to them stay right.</summary>
    private static async Task<int> FlushAsync<T>(DbContext target, List<T> batch, CancellationToken cancellationToken)
        where T : class
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        target.Set<T>().AddRange(batch);
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static Task<long> CountAsync<T>(DbContext context, CancellationToken cancellationToken)
        where T : class =>
        context.Set<T>().AsNoTracking().LongCountAsync(cancellationToken);
}
