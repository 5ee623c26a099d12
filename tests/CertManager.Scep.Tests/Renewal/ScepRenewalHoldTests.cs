using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Protocol;
using CertManager.Scep.Renewal;
using CertManager.Scep.Tests.Support;
using CertManager.Scep.Transport;
using CertManager.Testing;

namespace CertManager.Scep.Tests.Renewal;

/// <summary>
/// SCEP renewals the CA puts on hold (PENDING, polled with CertPoll signed by the certificate being renewed) and
/// renewals this console holds for an administrator, against <see cref="PendingScepResponder"/>: Debian's scepserver
/// answers neither PENDING nor with serverAuth certificates, which an installable renewal needs.
/// </summary>
public sealed class ScepRenewalHoldTests
{
    private const string Name = "console.example.test";

    [Fact]
    public async Task RenewNow_CaAnswersPending_PolledWithTheRenewedCertificateUntilIssuedAndInstalled()
    {
        using var responder = new PendingScepResponder();
        using var host = new ScepTestHost();
        var (source, presented) = await SeedAsync(host, responder);

        var renewed = await host.Get<ScepRenewalService>().RenewNowAsync("admin");

        Assert.True(renewed.Succeeded, string.Join(" ", renewed.Problems.Select(p => p.Message)));
        Assert.True(renewed.Value.Pending);
        Assert.False(renewed.Value.Installed);
        Assert.Equal("17", responder.Seen[^1].MessageType);
        var transactions = host.Get<ScepTransactionStore>();
        var pending = (await transactions.GetAsync(renewed.Value.Reference))!;
        Assert.Equal(ScepTransactionStatus.Pending, pending.Status);
        Assert.Equal(source.Id, pending.RenewalOfSourceId);
        Assert.Equal(pending.Id, (await host.Get<ScepRenewalService>().PlanAsync())!.Open!.Id);
        Assert.Contains("PENDING", (await host.Get<ScepSourceStore>().GetAsync(source.Id))!.LastRenewalOutcome, StringComparison.Ordinal);

        // Still pending: asked again later. The reply is enveloped for the signer, so only the presented certificate's key reads it.
        var poller = host.Get<ScepTransactionPoller>();
        await poller.PollAsync(pending.Id);
        Assert.Equal(1, responder.PollCount);
        Assert.Equal("CN=console.example.test", responder.Seen[^1].Subject);
        Assert.Equal(ScepTransactionStatus.Pending, (await transactions.GetAsync(pending.Id))!.Status);
        Assert.Equal(1, (await transactions.GetAsync(pending.Id))!.Attempts);

        responder.OnPoll = PendingScepResponder.Answer.Issue;
        await poller.PollAsync(pending.Id);

        Assert.Equal(ScepTransactionStatus.Installed, (await transactions.GetAsync(pending.Id))!.Status);
        var now = host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Assert.NotEqual(presented, now);
        var next = await host.Get<ScepSourceStore>().FindAsync(now);
        Assert.Equal([Name], next!.Names);
        Assert.StartsWith("Renewed over SCEP and installed as version", (await host.Get<ScepSourceStore>().GetAsync(source.Id))!.LastRenewalOutcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_CaRejectsAPendingRenewal_CountsAsAFailedRenewalWithBackOff()
    {
        using var responder = new PendingScepResponder { OnPoll = PendingScepResponder.Answer.Reject };
        using var host = new ScepTestHost();
        var (source, presented) = await SeedAsync(host, responder);
        var renewed = await host.Get<ScepRenewalService>().RenewNowAsync("admin");

        await host.Get<ScepTransactionPoller>().PollAsync(renewed.Value.Reference);

        Assert.Equal(ScepTransactionStatus.Rejected, (await host.Get<ScepTransactionStore>().GetAsync(renewed.Value.Reference))!.Status);
        var failed = (await host.Get<ScepSourceStore>().GetAsync(source.Id))!;
        Assert.Equal(1, failed.RenewalFailures);
        Assert.StartsWith("Renewal failed: The CA rejected the request (failInfo badRequest)", failed.LastRenewalOutcome, StringComparison.Ordinal);
        Assert.True(failed.NextRenewal > DateTimeOffset.UtcNow.AddMinutes(30));
        Assert.False(await host.Get<ScepRenewalService>().RenewIfDueAsync());
        Assert.Equal(presented, host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task RenewNow_SetToWaitForConfirmation_HeldUntilAnAdministratorInstallsIt()
    {
        using var responder = new PendingScepResponder { OnRequest = PendingScepResponder.Answer.Issue };
        using var host = new ScepTestHost();
        var (source, presented) = await SeedAsync(host, responder);
        await host.Get<ScepSourceStore>().SetAutoInstallAsync(source.Id, autoInstall: false);

        var renewed = await host.Get<ScepRenewalService>().RenewNowAsync("admin");

        Assert.True(renewed.Succeeded, string.Join(" ", renewed.Problems.Select(p => p.Message)));
        Assert.False(renewed.Value.Installed);
        Assert.False(renewed.Value.Pending);
        Assert.Empty(renewed.Value.HeldFor);
        Assert.StartsWith("Renewed, held: this certificate is set to wait for confirmation", renewed.Value.Message, StringComparison.Ordinal);
        var held = (await host.Get<ScepTransactionStore>().GetAsync(renewed.Value.Reference))!;
        Assert.Equal(ScepTransactionStatus.Issued, held.Status);
        Assert.Equal(presented, host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));

        var installed = await host.Get<ScepTransactionPoller>().InstallIssuedAsync(held.Id, warningsConfirmed: false, "admin");

        Assert.True(installed.Succeeded, string.Join(" ", installed.Problems.Select(p => p.Message)));
        Assert.Equal(installed.Value.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal), host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        var next = await host.Get<ScepSourceStore>().FindAsync(installed.Value.Sha256Fingerprint);
        Assert.False(next!.AutoInstall);
        Assert.Equal(ScepTransactionStatus.Installed, (await host.Get<ScepTransactionStore>().GetAsync(held.Id))!.Status);
    }

    /// <summary>A certificate from the responder's CA (trusted), presented and recorded as coming from it.</summary>
    private static async Task<(ScepSource Source, string Fingerprint)> SeedAsync(ScepTestHost host, PendingScepResponder responder)
    {
        using var work = new TempDirectory();
        var client = host.Get<ScepClient>();
        var ca = (await client.ContactAsync(ScepEndpoint.TryParse(responder.Url, out _)!)).Value;
        using var key = RSA.Create(2048);
        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = Name }).Value;
        var first = responder.OnRequest;
        responder.OnRequest = PendingScepResponder.Answer.Issue;
        var enrolled = await client.EnrollAsync(ca, key, ScepCsr.Create(key, request, "challenge", HashAlgorithmName.SHA256), ScepCsr.Subject(request));
        responder.OnRequest = first;
        Assert.True(enrolled.Succeeded, string.Join("\n", enrolled.Problems.Select(p => p.Message)));
        using var issued = enrolled.Value.Issued!;
        File.WriteAllText(work.File("leaf.pem"), issued.ExportCertificatePem());
        File.WriteAllText(work.File("leaf.key"), key.ExportPkcs8PrivateKeyPem());
        await host.Get<Core.Trust.TrustStore>().AddRootAsync(responder.CaCertificate, "test");
        ConsoleSeed.InstallCertificate(host.DataDirectory, work.File("leaf.pem"), work.File("leaf.key"));
        var fingerprint = issued.GetCertHashString(HashAlgorithmName.SHA256);
        var source = await host.Get<ScepSourceStore>().AddAsync(new Uri(responder.Url), [.. ca.Certificates.Certificates.SelectMany(c => c.RawData)], [Name], 2048, fingerprint, "test", DateTimeOffset.UtcNow);
        // Seeded beside this host's provider, as another process would: it reads the new active version.
        host.Get<ServerCertificateProvider>().Reload();
        Assert.Equal(fingerprint, host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        return (source, fingerprint);
    }
}
