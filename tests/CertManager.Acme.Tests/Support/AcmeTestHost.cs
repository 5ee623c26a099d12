using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Csr;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Acme.Tests.Support;

/// <summary>
/// The ACME client and order flow wired as the console wires them, talking to one pebble through a handler that
/// trusts only that pebble's TLS certificate, over a fresh data directory. Real clock: pebble issues certificates
/// that start now.
/// </summary>
internal sealed class AcmeTestHost : IDisposable
{
    private readonly TempDirectory _data = new("certmanager-acme");
    private readonly ServiceProvider _services;

    public AcmeTestHost(PebbleServer pebble, IDictionary<string, string?>? settings = null)
    {
        Pebble = pebble;
        var configuration = new Dictionary<string, string?>
        {
            ["CertManager:DataDirectory"] = _data.Path,
            ["CertManager:HostName"] = "console.example.test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerAcme(pebble.CreateHandler)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public PebbleServer Pebble { get; }

    public string DataDirectory => _data.Path;

    public AcmeClient Client => _services.GetRequiredService<AcmeClient>();

    public AcmeOrderFlow Flow => _services.GetRequiredService<AcmeOrderFlow>();

    /// <summary>Reads the directory and registers a new account for a new key; the caller disposes the key.</summary>
    public async Task<AcmeSession> RegisterAsync(AcmeAccountKey key, AcmeRegistration? registration = null)
    {
        var directory = await Client.GetDirectoryAsync(Pebble.DirectoryUrl);
        Assert.True(directory.Succeeded, Describe(directory.Problems));
        var account = await Client.RegisterAsync(directory.Value, key, registration ?? new AcmeRegistration(["admin@example.test"], TermsOfServiceAgreed: true));
        Assert.True(account.Succeeded, Describe(account.Problems) + "\n" + Pebble.Output);
        return new AcmeSession(Pebble.DirectoryUrl, directory.Value, key, account.Value.Location!);
    }

    public static ValidatedCsrRequest Request(params string[] names)
    {
        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = names[0], AlternateNames = names[1..] });
        Assert.True(request.Succeeded, Describe(request.Problems));
        return request.Value;
    }

    public static string Describe(IEnumerable<Core.Results.Problem> problems) => string.Join("\n", problems.Select(p => $"{p.Code}: {p.Message} | {p.Fix}"));

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
