using System.Collections.Concurrent;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CertManager.Testing;

/// <summary>
/// Which engine the storage and web tests run on: SQLite in each data directory (the default), or, with the environment
/// variable <c>CERTMANAGER_TEST_DATABASE=PostgreSql</c> (scripts/test.sh's second run), PostgreSQL. Then one real
/// <see cref="PostgreSqlServer"/> serves the whole test process, and each data directory a test uses (a console's, a
/// seed's, a <see cref="CoreTestHost"/>'s) gets a database of its own, copied from an already-migrated template, so that
/// every process opening that directory sees the same state, as they would see the same SQLite file. The database is
/// dropped with its <see cref="TempDirectory"/>, the server when the test process ends.
/// </summary>
public static class TestDatabase
{
    public const string VariableName = "CERTMANAGER_TEST_DATABASE";

    /// <summary>The trait that marks tests of SQLite's own behaviour (file locks, busy timeout, the file's mode): the PostgreSQL run leaves them out.</summary>
    public const string SqliteOnlyTrait = "Database";

    public const string SqliteOnly = "SqliteOnly";

    private const string TemplateName = "certmanager_template";

    private static readonly Lazy<PostgreSqlServer> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, Lazy<PostgreSqlDatabase>> Databases = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>True when this test process runs on PostgreSQL.</summary>
    public static bool IsPostgreSql { get; } = ReadChoice();

    /// <summary>
    /// The configuration keys that point Core services at <paramref name="dataDirectory"/>'s database: none on SQLite
    /// (it lives in the directory), the provider and connection string of the directory's own database on PostgreSQL.
    /// </summary>
    public static IDictionary<string, string?> SettingsFor(string dataDirectory) =>
        IsPostgreSql ? DatabaseFor(dataDirectory).Settings : new Dictionary<string, string?>();

    /// <summary>The same as environment variables, for a console or certman process.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string dataDirectory) =>
        IsPostgreSql ? DatabaseFor(dataDirectory).Environment : new Dictionary<string, string>();

    /// <summary>Drops the database of a data directory that is being removed; nothing when it has none.</summary>
    public static void Release(string dataDirectory)
    {
        if (Databases.TryRemove(Path.GetFullPath(dataDirectory), out var database) && database.IsValueCreated)
        {
            database.Value.Dispose();
        }
    }

    private static PostgreSqlDatabase DatabaseFor(string dataDirectory) =>
        Databases.GetOrAdd(Path.GetFullPath(dataDirectory), _ => new Lazy<PostgreSqlDatabase>(CreateFromTemplate, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A copy of the migrated template is far quicker than migrating each database, and starts exactly as a console's first start leaves it.</summary>
    private static PostgreSqlDatabase CreateFromTemplate()
    {
        var server = Server.Value;
        var name = $"test_{Interlocked.Increment(ref _count)}";
        server.Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        return new PostgreSqlDatabase(server, name, server.ConnectionString(name));
    }

    private static PostgreSqlServer StartServer()
    {
        var server = new PostgreSqlServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        server.Execute($"CREATE DATABASE \"{TemplateName}\"");
        // No pooled connection may stay open on the template: PostgreSQL copies a database only while nobody is connected to it.
        var options = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(server.ConnectionString(TemplateName) + ";Pooling=false").Options;
        using (var context = new PostgreSqlDbContext(options))
        {
            context.Database.Migrate();
        }

        NpgsqlConnection.ClearAllPools();
        return server;
    }

    private static bool ReadChoice()
    {
        var value = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return value.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new InvalidOperationException($"{VariableName}='{value}' is not an engine the tests know: use Sqlite (the default) or PostgreSql.");
    }
}
