using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman scep renew</c> (the ACME twin is in <see cref="AcmeCommandTests"/>). The renewal put on hold needs
/// <see cref="PendingScepResponder"/>, our test responder: Debian's scepserver never answers PENDING and issues
/// clientAuth-only certificates that cannot be installed for a web server.
/// </summary>
public sealed class RenewCommandTests
{
    [Fact]
    public async Task ScepRenew_PresentedCertificateNotFromScep_ExitsTwoSayingSo()
    {
        using var work = new TempDirectory();
        using var data = new TempDirectory();

        var outcome = await Certman.RunAsync(work.Path, "scep", "renew", "--data-dir", data.Path, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error scep.not-scep-certificate:", outcome.StandardError, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.Equal("scep.not-scep-certificate", json.RootElement.GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ScepRenew_CaHoldsTheRenewal_ExitsFivePendingWithTheTransaction()
    {
        using var responder = new PendingScepResponder { OnRequest = PendingScepResponder.Answer.Issue };
        using var ca = responder.CaCertificate;
        using var work = new TempDirectory();
        using var data = new TempDirectory();
        await ConsoleSeed.TrustRootAsync(data.Path, ca.ExportCertificatePem());
        var environment = new Dictionary<string, string>
        {
            ["CERTMAN_SCEP_CHALLENGE"] = "one-time-challenge",
            ["CertManager__HostName"] = "console.example.test",
        };
        var enrolled = await Certman.RunWithEnvironmentAsync(
            work.Path, environment, "scep", "enroll", "--url", responder.Url, "--cn", "console.example.test", "--ca-fingerprint", TlsProbe.Sha256Fingerprint(ca), "--data-dir", data.Path);
        Assert.True(enrolled.ExitCode == 0, enrolled.ToString());
        responder.OnRequest = PendingScepResponder.Answer.Pending;

        var renew = await Certman.RunWithEnvironmentAsync(work.Path, environment, "scep", "renew", "--data-dir", data.Path, "--json");

        Assert.True(renew.ExitCode == 5, renew.ToString());
        Assert.Equal("17", responder.Seen[^1].MessageType);
        using var json = JsonDocument.Parse(renew.StandardOutput);
        Assert.False(json.RootElement.GetProperty("installed").GetBoolean());
        Assert.True(json.RootElement.GetProperty("pending").GetBoolean());
        Assert.True(json.RootElement.GetProperty("transactionId").GetInt64() > 0);
        Assert.Contains("PENDING", json.RootElement.GetProperty("outcome").GetString(), StringComparison.Ordinal);

        // A second renewal while this one is open is refused with what to do.
        var again = await Certman.RunWithEnvironmentAsync(work.Path, environment, "scep", "renew", "--data-dir", data.Path);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error scep.renewal-open:", again.StandardError, StringComparison.Ordinal);
    }
}
