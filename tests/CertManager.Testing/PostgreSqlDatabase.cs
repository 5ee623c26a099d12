using Npgsql;

namespace CertManager.Testing;

/// <summary>One database on a <see cref="PostgreSqlServer"/>, for one test class; dropped (its sessions ended) on dispose.</summary>
public sealed class PostgreSqlDatabase(PostgreSqlServer server, string name, string connectionString) : IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The configuration that points a console (or <see cref="CoreTestHost"/>) at this database.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CertManager:Database:Provider"] = "PostgreSql",
        ["CertManager:Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>The same, as the environment variables a console process (<see cref="ConsoleProcess"/>) reads.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["CertManager__Database__Provider"] = "PostgreSql",
        ["CertManager__Database__ConnectionString"] = ConnectionString,
    };

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        server.Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
