using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>The console's HTTPS: its own default certificate, kept across restarts, and the health endpoint.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task Handshake_FreshConsole_PresentsTheSelfSignedDefaultForThisHost()
    {
        await using var console = await ConsoleProcess.StartAsync();

        var presented = await TlsProbe.GetPresentedCertificateAsync(console.Port);

        Assert.Equal("CN=console.example.test", presented.Subject);
        Assert.Equal(presented.Subject, presented.Issuer);
        Assert.Equal(2048, presented.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public async Task Handshake_AfterRestart_PresentsTheSameDefaultCertificate()
    {
        using var data = new TempDirectory();
        string first;
        await using (var console = await ConsoleProcess.StartAsync(data.Path))
        {
            first = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        }

        await using var restarted = await ConsoleProcess.StartAsync(data.Path);
        var second = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(restarted.Port));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Health_Anonymous_ReportsHealthy()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var client = console.CreateClient();

        using var response = await client.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
