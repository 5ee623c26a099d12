using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Benchmarks.Storage;

/// <summary>
/// The Core services wired as the console wires them, over a fresh data directory, on SQLite (in the directory) or on
/// a real PostgreSQL server started for the benchmark (the tests' <see cref="PostgreSqlServer"/>: Debian's postgres on
/// a free 127.0.0.1 port, fsync off as in the tests), migrated as at a console's first start.
/// </summary>
internal sealed class BenchmarkStore : IDisposable
{
    private readonly TempDirectory _directory = new("certmanager-bench");
    private readonly PostgreSqlServer? _server;
    private readonly PostgreSqlDatabase? _database;

    public BenchmarkStore(string engine, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["CertManager:DataDirectory"] = _directory.Path,
            ["CertManager:HostName"] = BenchmarkChain.HostName,
        };
        if (engine == BenchmarkEngine.PostgreSql)
        {
            _server = new PostgreSqlServer();
            _database = _server.CreateDatabase("bench");
            foreach (var (key, value) in _database.Settings)
            {
                configuration[key] = value;
            }
        }
        else if (engine != BenchmarkEngine.Sqlite)
        {
            throw new ArgumentException($"Unknown engine '{engine}'.", nameof(engine));
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging()
            .AddCertManagerCore()
            .BuildServiceProvider();
        Services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
    }

    public string DataDirectory => _directory.Path;

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        Services.Dispose();
        SqliteConnection.ClearAllPools();
        _database?.Dispose();
        _server?.Dispose();
        _directory.Dispose();
    }
}
