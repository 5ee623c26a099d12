using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Accounts;
using CertManager.Core.Csr;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Testing;

/// <summary>Prepares a console's data directory before it starts, through the same Core services the console uses.</summary>
public static class ConsoleSeed
{
    public sealed record SeededUser(string UserName, UserRole Role, string Password);

    public static readonly SeededUser Administrator = new("alice-admin", UserRole.Administrator, "Alice-admin-password-1");
    public static readonly SeededUser Operator = new("oscar-operator", UserRole.Operator, "Oscar-operator-password-1");
    public static readonly SeededUser Helpdesk = new("hannah-helpdesk", UserRole.Helpdesk, "Hannah-helpdesk-password-1");

    public static IReadOnlyList<SeededUser> OneOfEachRole { get; } = [Administrator, Operator, Helpdesk];

    /// <summary>Creates the users in the console's store: the data directory's own, or the store <paramref name="settings"/> name (e.g. a PostgreSQL database).</summary>
    public static async Task AddUsersAsync(string dataDirectory, IEnumerable<SeededUser> users, bool mustChangePassword = false, IDictionary<string, string?>? settings = null)
    {
        await using var services = CreateServices(dataDirectory, settings: settings);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var accounts = services.GetRequiredService<UserAccountService>();
        foreach (var user in users)
        {
            var created = await accounts.CreateAsync(user.UserName, user.Role, user.Password, mustChangePassword, "test-seed");
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(created.Problems[0].Message);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Generates a pending certificate signing request as the console would, e.g. for download tests.</summary>
    public static async Task<GeneratedCsr> AddPendingRequestAsync(string dataDirectory, CsrForm form)
    {
        await using var services = CreateServices(dataDirectory);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var generated = await services.GetRequiredService<CsrGenerator>().GenerateAsync(form, "test-seed");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return generated.Succeeded ? generated.Value : throw new InvalidOperationException(generated.Problems[0].Message);
    }

    /// <summary>
    /// Installs a certificate with its key (PEM files) and intermediates as the active version, as an install through
    /// the console would leave the store; the console presents it from its start.
    /// </summary>
    public static string InstallCertificate(string dataDirectory, string certificatePath, string keyPath, params string[] intermediatePaths)
    {
        using var services = CreateServices(dataDirectory);
        using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var intermediates = intermediatePaths.Select(path => X509Certificate2.CreateFromPem(File.ReadAllText(path))).ToList();
        var store = services.GetRequiredService<CertificateStore>();
        var now = DateTimeOffset.UtcNow;
        var version = store.WriteInstalledVersion(certificate, intermediates, now, new VersionProvenance("test-seed", now, "files on the test machine"));
        store.Activate(version);
        intermediates.ForEach(c => c.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return version;
    }

    /// <summary>Adds a root to the console's trust store, as an administrator does on the upload page (e.g. pebble's root of this run).</summary>
    public static async Task TrustRootAsync(string dataDirectory, string rootPem)
    {
        await using var services = CreateServices(dataDirectory);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        using var root = X509Certificate2.CreateFromPem(rootPem);
        var added = await services.GetRequiredService<Core.Trust.TrustStore>().AddRootAsync(root, "test-seed");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(added.Problems[0].Message);
        }
    }

    /// <summary>
    /// The Core services over a console's data directory (for tests that inspect what the console stored);
    /// <paramref name="settings"/> adds e.g. a PostgreSQL store (<see cref="PostgreSqlDatabase.Settings"/>). Without one,
    /// the directory's store is the one <see cref="TestDatabase"/> gives it, as for the console on the same directory.
    /// </summary>
    public static ServiceProvider CreateServices(string dataDirectory, TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null)
    {
        settings ??= new Dictionary<string, string?>();
        var store = settings.ContainsKey("CertManager:Database:Provider") ? new Dictionary<string, string?>() : TestDatabase.SettingsFor(dataDirectory);
        return new ServiceCollection()
            .AddSingleton(timeProvider ?? TimeProvider.System)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = dataDirectory,
                ["CertManager:HostName"] = "console.example.test",
            }).AddInMemoryCollection(store).AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddCertManagerCore()
            .BuildServiceProvider();
    }
}
