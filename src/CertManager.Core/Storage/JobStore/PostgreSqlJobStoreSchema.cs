using System.Globalization;
using Npgsql;

namespace CertManager.Core.Storage.JobStore;

/// <summary>
/// Creates the tables of Quartz.NET's clustered job store in the console's PostgreSQL database when they are missing.
/// The script is Quartz.NET's own, unchanged: <c>src/Quartz/Impl/AdoJobStore/Schema/create_postgres.sql</c> of
/// https://github.com/quartznet/quartznet as shipped in the Quartz 4.7.3 package (the companion of
/// <c>database/tables/tables_postgres.sql</c>, generated from the same schema description; unlike that one it never
/// drops anything and creates only what is missing). Quartz replaces <c>{0}</c>/<c>{1}</c> with its table prefix; so
/// does this class, with Quartz's default <c>qrtz_</c>. Our EF Core migrations do not own these tables.
/// Two nodes starting together are serialised by a transaction-scoped advisory lock, which PostgreSQL releases when
/// the transaction ends or its session dies.
/// </summary>
internal sealed class PostgreSqlJobStoreSchema(string connectionString)
{
    public const string TablePrefix = JobStoreTables.Prefix;

    private const string ResourceName = "CertManager.Core.Storage.JobStore.quartz-create-postgres.sql";
    private const string StatementSeparator = "--;;";

    /// <summary>The key of the advisory lock held while the tables are created: "CMQZ" as a number, unique to this purpose.</summary>
    private const long AdvisoryLockKey = 0x434D515A;

    /// <summary>Quartz's script as embedded, placeholders and all.</summary>
    public static string Script()
    {
        using var stream = typeof(PostgreSqlJobStoreSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from CertManager.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The script's statements with the table prefix in place, in order.</summary>
    public static IReadOnlyList<string> Statements() =>
        Script().Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n" + StatementSeparator + "\n")
            .Select(s => s.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal).Trim())
            .Where(s => s.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)))
            .ToList();

    /// <summary>How many tables the script creates; all of them present means there is nothing to do.</summary>
    public static int TableCount => Statements().Count(s => s.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase));

    /// <summary>Creates the missing tables; false when every table was already there.</summary>
    public async Task<bool> EnsureCreatedAsync(TimeSpan lockTimeout, Action<string> waiting, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Reading the catalogue takes no lock: the common start, with every table there, never waits.
        if (await CountTablesAsync(connection, null, cancellationToken) >= TableCount)
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, lockTimeout, waiting, cancellationToken);
        // Whoever held the lock before us may have created them.
        if (await CountTablesAsync(connection, transaction, cancellationToken) >= TableCount)
        {
            return false;
        }

        foreach (var statement in Statements())
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan timeout, Action<string> waiting, CancellationToken cancellationToken)
    {
        await using var attempt = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey})", connection, transaction);
        if (await attempt.ExecuteScalarAsync(cancellationToken) is true)
        {
            return;
        }

        waiting("Another console node is creating the job scheduler's tables (Quartz) in the PostgreSQL database; waiting for it to finish.");
        await using var timeoutCommand = new NpgsqlCommand(
            $"SET LOCAL lock_timeout = '{(long)timeout.TotalMilliseconds}ms'", connection, transaction);
        await timeoutCommand.ExecuteNonQueryAsync(cancellationToken);
        await using var wait = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction) { CommandTimeout = 0 };
        try
        {
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TimeoutException(
                $"Another session has held CertManager's job-store lock (pg_advisory_lock {AdvisoryLockKey.ToString(CultureInfo.InvariantCulture)}) for more than " +
                $"{timeout.TotalSeconds:0} s while creating the Quartz tables. Look for it in pg_locks (locktype 'advisory'), end it, then start again.", exception);
        }
    }

    private static async Task<long> CountTablesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE @prefix", connection, transaction);
        command.Parameters.AddWithValue("prefix", TablePrefix.Replace("_", "\\_", StringComparison.Ordinal) + "%");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
