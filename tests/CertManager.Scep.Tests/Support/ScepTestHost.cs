using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Scep.Tests.Support;

/// <summary>
/// Core and SCEP services wired as the console wires them, over a fresh data directory (or a given one, as after a
/// restart). On the real clock by default: the certificates scepserver issues start now, so a fake clock would make
/// them "not yet valid". Polling tests pass a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> that
/// starts at the real now.
/// </summary>
internal sealed class ScepTestHost : IDisposable
{
    private readonly TempDirectory? _ownedDirectory;
    private readonly ServiceProvider _services;

    public ScepTestHost(int timeoutSeconds = 10, TimeProvider? time = null, string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        if (dataDirectory is null)
        {
            _ownedDirectory = new TempDirectory("certmanager-scep");
            dataDirectory = _ownedDirectory.Path;
        }

        DataDirectory = dataDirectory;
        var configuration = new Dictionary<string, string?>
        {
            ["CertManager:DataDirectory"] = dataDirectory,
            ["CertManager:HostName"] = "console.example.test",
            ["CertManager:Scep:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerScep();
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
    }

    public string DataDirectory { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedDirectory?.Dispose();
    }
}
