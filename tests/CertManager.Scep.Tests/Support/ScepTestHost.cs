using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Scep.Tests.Support;

/// <summary>
/// Core and SCEP services wired as the console wires them, over a fresh data directory, on the real clock: the
/// certificates scepserver issues start now, so a fake clock would make them "not yet valid".
/// </summary>
internal sealed class ScepTestHost : IDisposable
{
    private readonly TempDirectory _directory = new("certmanager-scep");
    private readonly ServiceProvider _services;

    public ScepTestHost(int timeoutSeconds = 10)
    {
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = _directory.Path,
                ["CertManager:HostName"] = "console.example.test",
                ["CertManager:Scep:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerScep()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
