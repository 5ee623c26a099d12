using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CertManager.Core.Storage;

/// <summary>
/// The start of a console whose store is current, made cheap. EF Core's own check
/// (<c>GetPendingMigrationsAsync</c>) first builds a model of its history table with the full convention set, which
/// on a process that has just started cost more than the rest of the start-up's database work. This reads the applied
/// migration ids with one plain query instead and compares them with the ids compiled into the assembly. Only a "yes"
/// is trusted: a missing history table (a fresh database), a missing id (a store that needs a migration) or any error
/// leaves the decision to EF Core's check, exactly as before. Ids in the store that this build does not know (a store
/// written by a newer version) do not count, as they do not for EF Core's check.
/// </summary>
internal static class AppliedMigrations
{
    /// <summary>EF Core's default history table and its key column; neither context configures another.</summary>
    private const string Query = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";

    /// <summary>True when every migration of this build is recorded as applied; false when one is not, or when the table cannot be read.</summary>
    public static async Task<bool> IncludeAllKnownAsync(CertManagerDbContext context, CancellationToken cancellationToken)
    {
        var applied = await ReadAsync(context, cancellationToken);
        return applied is not null && context.GetService<IMigrationsAssembly>().Migrations.Keys.All(applied.Contains);
    }

    private static async Task<HashSet<string>?> ReadAsync(CertManagerDbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
        catch (DbException)
        {
            // No history table yet, or the database cannot be reached: EF Core's check decides and reports.
            return null;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
