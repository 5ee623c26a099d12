using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman acme</c> against pebble with a running console answering http-01: pebble's validator connects to the
/// console's HTTP port (pebble's httpPort), and names resolve to 127.0.0.1 through pebble-challtestsrv.
/// </summary>
public sealed class AcmeCommandTests
{
    [Fact]
    public async Task Order_Http01AnsweredByTheRunningConsole_InstallsAndRenewPresentsTheRenewalWithoutRestart()
    {
        var httpPort = FreePort.Next();
        using var dns = ChallengeTestServer.Start();
        using var pebble = PebbleServer.Start(new PebbleSettings { HttpPort = httpPort, DnsServer = dns.DnsAddress });
        using var work = new TempDirectory();
        using var data = new TempDirectory();
        File.WriteAllText(work.File("pebble-tls.pem"), pebble.TlsCertificate.ExportCertificatePem());
        await ConsoleSeed.TrustRootAsync(data.Path, await pebble.GetRootPemAsync());
        await using var console = await ConsoleProcess.StartAsync(data.Path, httpPort: httpPort);
        var environment = new Dictionary<string, string> { ["CertManager__Acme__TrustedCertificatesFile"] = work.File("pebble-tls.pem") };

        var outcome = await Certman.RunWithEnvironmentAsync(
            work.Path, environment, "acme", "order", "--directory", pebble.DirectoryUrl.AbsoluteUri, "--agree-tos", "--email", "admin@example.test",
            "--cn", "console.example.test", "--challenge", "http-console", "--data-dir", data.Path, "--accept-warnings");

        Assert.True(outcome.ExitCode == 0, outcome + "\n" + pebble.Output + "\n" + console.Output);
        Assert.Contains("ACME: ChallengeValidated console.example.test", outcome.StandardError, StringComparison.Ordinal);
        using var presented = await WaitForPresentedAsync(console.Port, c => c.Issuer.Contains("Pebble Intermediate", StringComparison.Ordinal));
        Assert.Contains(TlsProbe.Sha256Fingerprint(presented).Replace(":", string.Empty, StringComparison.Ordinal), outcome.StandardOutput.Replace(":", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var status = await Certman.RunAsync(work.Path, "acme", "status", "--data-dir", data.Path, "--json");
        using var json = JsonDocument.Parse(status.StandardOutput);
        Assert.Equal("Installed", json.RootElement.GetProperty("orders")[0].GetProperty("status").GetString());
        Assert.Equal("valid", json.RootElement.GetProperty("accounts")[0].GetProperty("status").GetString());

        // The console's own host name, which the chain doctor checks a renewal against before installing it unattended.
        environment["CertManager__HostName"] = "console.example.test";
        var renew = await PebbleOrderIndexRace.RetryAsync(() => Certman.RunWithEnvironmentAsync(work.Path, environment, "acme", "renew", "--data-dir", data.Path, "--json"), r => r.ToString());

        Assert.True(renew.ExitCode == 0, renew + "\n" + pebble.Output);
        using var renewJson = JsonDocument.Parse(renew.StandardOutput);
        Assert.True(renewJson.RootElement.GetProperty("installed").GetBoolean());
        Assert.StartsWith("Renewed and installed", renewJson.RootElement.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        var first = TlsProbe.Sha256Fingerprint(presented);
        using var renewed = await WaitForPresentedAsync(console.Port, c => TlsProbe.Sha256Fingerprint(c) != first);
        Assert.NotEqual(first, TlsProbe.Sha256Fingerprint(renewed));
        Assert.Contains("Pebble Intermediate", renewed.Issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_PresentedCertificateNotFromAcme_ExitsTwoSayingSo()
    {
        using var work = new TempDirectory();
        using var data = new TempDirectory();

        var outcome = await Certman.RunAsync(work.Path, "acme", "renew", "--data-dir", data.Path, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error acme.not-acme-certificate:", outcome.StandardError, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.Equal("acme.not-acme-certificate", json.RootElement.GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChallengePath_UnknownToken_IsNotFoundOverPlainHttpWithoutRedirect()
    {
        var httpPort = FreePort.Next();
        await using var console = await ConsoleProcess.StartAsync(httpPort: httpPort);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var challenge = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/.well-known/acme-challenge/no-such-token"));
        using var other = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/security/web-server/certificate"));

        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        Assert.True(other.StatusCode is HttpStatusCode.RedirectKeepVerb or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"other paths still redirect to HTTPS: {other.StatusCode}");
    }

    [Fact]
    public async Task Order_HookNotConfigured_ExitsOneSayingWhatToConfigure()
    {
        using var work = new TempDirectory();
        using var data = new TempDirectory();

        var outcome = await Certman.RunAsync(work.Path, "acme", "order", "--directory", "https://127.0.0.1:1/dir", "--cn", "hook.example.test", "--challenge", "dns-hook", "--data-dir", data.Path);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error acme.dns-hook-not-configured:", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DnsUpdate_KeyClauseFromTsigKeygen_SavesEncryptedAndStatusShowsItWithoutTheSecret()
    {
        using var work = new TempDirectory();
        using var data = new TempDirectory();
        const string Secret = "q7Wn0Cc0ZlXU0bQ9mUQ0pJ1vRkq3Tq4mZxq3eG4bV1E=";
        File.WriteAllText(work.File("acme.key"), $"key \"acme-update\" {{\n\talgorithm hmac-sha256;\n\tsecret \"{Secret}\";\n}};\n");

        var saved = await Certman.RunAsync(work.Path, "acme", "dns-update", "--server", "192.0.2.53", "--zone", "example.com.", "--key-name", "acme-update", "--secret-file", work.File("acme.key"), "--data-dir", data.Path);
        var status = await Certman.RunAsync(work.Path, "acme", "status", "--data-dir", data.Path, "--json");
        var invalid = await Certman.RunAsync(work.Path, "acme", "dns-update", "--server", "192.0.2.53", "--zone", "example.com", "--key-name", "acme-update", "--algorithm", "hmac-foo", "--secret-file", work.File("acme.key"), "--data-dir", data.Path);

        Assert.True(saved.ExitCode == 0, saved.ToString());
        using var json = JsonDocument.Parse(status.StandardOutput);
        var update = json.RootElement.GetProperty("dnsUpdate");
        Assert.Equal("192.0.2.53", update.GetProperty("server").GetString());
        Assert.Equal("example.com", update.GetProperty("zone").GetString());
        Assert.Equal("hmac-sha256", update.GetProperty("algorithm").GetString());
        Assert.DoesNotContain(Secret, saved.StandardOutput + status.StandardOutput, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(data.Path, "certmanager.db*"))
        {
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(Convert.FromBase64String(Secret)));
        }

        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("error acme.dns-update-algorithm-invalid:", invalid.StandardError, StringComparison.Ordinal);
    }

    private static async Task<X509Certificate2> WaitForPresentedAsync(int port, Func<X509Certificate2, bool> expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var presented = await TlsProbe.GetPresentedCertificateAsync(port, "console.example.test");
            if (expected(presented) || DateTime.UtcNow > deadline)
            {
                return presented;
            }

            presented.Dispose();
            await Task.Delay(100);
        }
    }
}
