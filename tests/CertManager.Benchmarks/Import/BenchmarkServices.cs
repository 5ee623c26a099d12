using CertManager.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Benchmarks.Import;

/// <summary>Core services wired as the console wires them; the data directory is only read (for enterprise roots, none here).</summary>
internal static class BenchmarkServices
{
    public static ServiceProvider Create(string dataDirectory) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = dataDirectory,
                ["CertManager:HostName"] = "bench.example.com",
            }).Build())
            .AddLogging()
            .AddCertManagerCore()
            .BuildServiceProvider();
}
