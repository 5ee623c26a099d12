using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli;

/// <summary>The Core services over a console's data directory, registered exactly as the console registers them.</summary>
internal static class ConsoleServices
{
    /// <summary>Builds the services and brings the database to the current schema, as the console does on start.</summary>
    public static async Task<ServiceProvider> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            // The console's environment (e.g. CertManager__Alerts__Smtp__Host) applies here too; --data-dir wins.
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{CertManagerOptions.SectionName}:{nameof(CertManagerOptions.DataDirectory)}"] = dataDirectory,
            }).Build())
            .AddLogging()
            .AddCertManagerCore()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }
}
