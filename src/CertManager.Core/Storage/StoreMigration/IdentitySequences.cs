using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>
/// Rows copied with their keys leave PostgreSQL's identity sequences where they were (at 1), and the next insert would
/// collide with a copied row: each sequence is moved past the highest key of its table.
/// </summary>
internal static class IdentitySequences
{
    public static async Task AdvanceAsync(DbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        var columns = new List<(string Table, string Column)>();
        await using (var query = connection.CreateCommand())
        {
            query.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
            query.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE is_identity = 'YES' AND table_schema = current_schema()";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in columns)
        {
            await using var advance = connection.CreateCommand();
            advance.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
            // Names come from the catalogue, quoted as identifiers; setval(..., false) makes the next value exactly max + 1.
            advance.CommandText = $"SELECT setval(pg_get_serial_sequence('{Quote(table).Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}'), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM {Quote(table)}";
            await advance.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
