using CertManager.Core.Certificates;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Testing;

/// <summary>
/// The Core services wired exactly as the console wires them, over a fresh data directory, with a
/// <see cref="FakeTimeProvider"/> so tests control the clock. The database is migrated on creation: SQLite in the data
/// directory (or, in the PostgreSQL test run, the directory's database from <see cref="TestDatabase"/>), or a fresh
/// database of its own on a <see cref="PostgreSqlServer"/> when one is given.
/// </summary>
public sealed class CoreTestHost : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;
    private readonly PostgreSqlDatabase? _database;
    private readonly IDictionary<string, string?> _providerSettings;

    private CoreTestHost(TempDirectory directory, ServiceProvider services, FakeTimeProvider time, PostgreSqlDatabase? database)
    {
        _directory = directory;
        _services = services;
        _database = database;
        _providerSettings = database?.Settings ?? TestDatabase.SettingsFor(directory.Path);
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public string DataDirectory => _directory.Path;

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static CoreTestHost Create(IDictionary<string, string?>? settings = null, DateTimeOffset? now = null, PostgreSqlServer? postgreSql = null)
    {
        var directory = new TempDirectory("certmanager-core");
        var database = postgreSql?.CreateDatabase("core");
        var configuration = new Dictionary<string, string?>
        {
            ["CertManager:DataDirectory"] = directory.Path,
            ["CertManager:HostName"] = "console.example.test",
        };
        // Without a server of the test's own, the store is the one the test run chose (TestDatabase).
        foreach (var (key, value) in (database?.Settings ?? TestDatabase.SettingsFor(directory.Path)).Concat(settings ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(PresentedOnRealClock)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
        return new CoreTestHost(directory, services, time, database);
    }

    /// <summary>
    /// A second, independent service provider over this host's data directory and clock, as after a restart of
    /// the console (default settings: the same host name, plus <paramref name="settings"/>). Dispose it before this host.
    /// </summary>
    public ServiceProvider CreateProviderOverSameData(IDictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = DataDirectory,
                ["CertManager:HostName"] = "console.example.test",
            }).AddInMemoryCollection(_providerSettings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(PresentedOnRealClock)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    /// <summary>
    /// The presented certificate follows the store on the real clock, as in the console. The fake clock is the domain's
    /// (validity, expiry): FakeTimeProvider replays a periodic timer once per period it jumps over, so a test that moves
    /// it by weeks would otherwise read the active version a million times (minutes on PostgreSQL, seconds on SQLite).
    /// ServerCertificateProviderTests build their own provider on the fake clock to test the poll itself.
    /// </summary>
    private static ServerCertificateProvider PresentedOnRealClock(IServiceProvider services) =>
        new(services.GetRequiredService<CertificateStore>(), TimeProvider.System, services.GetRequiredService<ILogger<ServerCertificateProvider>>(), services.GetRequiredService<IDatabaseEngine>());

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database?.Dispose();
        _directory.Dispose();
    }
}
