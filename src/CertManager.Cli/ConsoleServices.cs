using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Scep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli;

/// <summary>The Core services over a console's data directory, registered exactly as the console registers them.</summary>
internal static class ConsoleServices
{
    /// <summary>Builds the services and brings the database to the current schema, as the console does on start.</summary>
    public static async Task<ServiceProvider> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var services = Create(dataDirectory);
        try
        {
            var initializer = services.GetRequiredService<DatabaseInitializer>();
            // certman has no log: a wait for another process is said on stderr, where the operator sees it.
            initializer.Waiting += message => Console.Error.WriteLine(message);
            await initializer.MigrateAsync(cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Builds the services without touching the directory: nothing is created or migrated until a service that
    /// writes is resolved. <c>certman inspect</c> and <c>verify</c> resolve only readers (the chain doctor reads
    /// <c>trusted-roots.pem</c> if it exists), so they can point at a directory that does not exist.
    /// </summary>
    public static ServiceProvider Create(string dataDirectory) =>
        new ServiceCollection()
            // The console's environment (e.g. CertManager__Alerts__Smtp__Host) applies here too; --data-dir wins.
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{CertManagerOptions.SectionName}:{nameof(CertManagerOptions.DataDirectory)}"] = dataDirectory,
            }).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerScep()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
