using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Csr;
using CertManager.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Acme.Tests.Support;

/// <summary>
/// The ACME client and order flow wired as the console wires them, talking to one pebble through a handler that
/// trusts only that pebble's TLS certificate. Real clock: pebble issues certificates that start now.
/// </summary>
internal sealed class AcmeTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public AcmeTestHost(PebbleServer pebble, IDictionary<string, string?>? settings = null)
    {
        Pebble = pebble;
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build())
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddCertManagerAcme(pebble.CreateHandler)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public PebbleServer Pebble { get; }

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

    public void Dispose() => _services.Dispose();
}
