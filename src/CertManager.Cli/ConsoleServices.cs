using CertManager.Acme;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using CertManager.Scep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli;

/// <summary>The Core services over a console's data directory, registered exactly as the console registers them.</summary>
internal static class ConsoleServices
{
    /// <summary>Builds the services and brings the database to the current schema, as the console does on start.</summary>
    public static async Task<ServiceProvider> OpenAsync(string dataDirectory, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var services = Create(dataDirectory, settings);
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
    /// <remarks>
    /// The console's environment applies here too, with the console's keys: e.g. CertManager__Alerts__Smtp__Host, and
    /// CertManager__Database__Provider with CertManager__Database__ConnectionString(File) for a PostgreSQL store.
    /// --data-dir wins, and so do <paramref name="settings"/> a command fixes (migrate-store reads SQLite whatever is set).
    /// </remarks>
    public static ServiceProvider Create(string dataDirectory, IDictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddSingleton(Configuration(dataDirectory, settings))
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerScep()
            .AddCertManagerAcme()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    /// <summary>The store the console's keys name: a PostgreSQL store is backed up with the database's own tools, not by certman.</summary>
    /// <remarks>A value that names no provider is left to the commands that open the store, which refuse it with the console's own message.</remarks>
    public static DatabaseProvider StoreProvider(string dataDirectory) =>
        Enum.TryParse<DatabaseProvider>(Configuration(dataDirectory, settings: null)[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"], ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    private static IConfiguration Configuration(string dataDirectory, IDictionary<string, string?>? settings) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{CertManagerOptions.SectionName}:{nameof(CertManagerOptions.DataDirectory)}"] = dataDirectory,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
}
