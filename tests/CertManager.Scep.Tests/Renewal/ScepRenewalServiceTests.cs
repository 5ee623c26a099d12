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
/// The renewal job's SCEP re-enrollment against Debian's scepserver: the presented certificate came from a SCEP
/// enrollment, and its renewal is a RenewalReq signed with it. scepserver issues clientAuth-only certificates, so the
/// chain doctor must hold the renewed one (never installed) and the presented certificate must stay; a server that
/// wants its password for renewals is explained. What scepserver cannot do (PENDING, serverAuth certificates) is in
/// <see cref="ScepRenewalHoldTests"/> against our test responder.
/// </summary>
public sealed class ScepRenewalServiceTests
{
    private const string Name = "console.example.test";

    [Fact]
    public async Task RenewIfDue_ServerWithoutPassword_SendsARenewalReqAndHoldsWhatTheDoctorRefuses()
    {
        using var server = ScepServer.Start(challenge: string.Empty);
        using var data = new TempDirectory("certmanager-scep");
        var presented = await SeedScepCertificateAsync(server, data.Path);
        using var host = new ScepTestHost(dataDirectory: data.Path);

        var attempted = await host.Get<ScepRenewalService>().RenewIfDueAsync();

        Assert.True(attempted);
        Assert.Contains("scep_message_type=\"RenewalReq (17)\"", server.Output, StringComparison.Ordinal);
        Assert.Equal(presented, host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        var source = await host.Get<ScepSourceStore>().FindAsync(presented);
        Assert.StartsWith("Renewed, held: the chain doctor reported:", source!.LastRenewalOutcome, StringComparison.Ordinal);
        Assert.Equal(0, source.RenewalFailures);

        // Held as an issued SCEP transaction of this source; while it is open the job sends nothing new.
        var plan = await host.Get<ScepRenewalService>().PlanAsync();
        Assert.Equal(ScepTransactionStatus.Issued, plan!.Open!.Status);
        Assert.Equal(source.Id, plan.Open.RenewalOfSourceId);
        Assert.False(await host.Get<ScepRenewalService>().RenewIfDueAsync());
        var again = await host.Get<ScepRenewalService>().RenewNowAsync("admin");
        Assert.Equal("scep.renewal-open", Assert.Single(again.Problems).Code);

        // The administrator cannot install it: the same doctor refuses a certificate without serverAuth.
        var install = await host.Get<ScepTransactionPoller>().InstallIssuedAsync(plan.Open.Id, warningsConfirmed: true, "admin");
        Assert.False(install.Succeeded);
        Assert.Equal(presented, host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task RenewIfDue_ServerWantsItsPassword_SaysToEnrollAgainWithAFreshOne()
    {
        using var server = ScepServer.Start();
        using var data = new TempDirectory("certmanager-scep");
        var presented = await SeedScepCertificateAsync(server, data.Path);
        using var host = new ScepTestHost(dataDirectory: data.Path);

        Assert.True(await host.Get<ScepRenewalService>().RenewIfDueAsync());

        var source = await host.Get<ScepSourceStore>().FindAsync(presented);
        Assert.Contains("refused the renewal request signed with the current certificate", source!.LastRenewalOutcome, StringComparison.Ordinal);
        Assert.Contains("fresh enrollment password", source.LastRenewalOutcome, StringComparison.Ordinal);
        Assert.True(source.NextRenewal > DateTimeOffset.UtcNow);
        Assert.Null((await host.Get<ScepRenewalService>().PlanAsync())!.Open);
    }

    [Fact]
    public async Task RenewNow_PresentedCertificateNotFromScep_SaysWhatToDo()
    {
        using var host = new ScepTestHost();

        var renewed = await host.Get<ScepRenewalService>().RenewNowAsync("admin");

        Assert.Equal(ScepErrors.NotScepCertificateCode, Assert.Single(renewed.Problems).Code);
    }

    /// <summary>
    /// Enrolls at scepserver and installs the issued certificate as the presented one, as a SCEP enrollment would have
    /// (here without the chain doctor, which refuses scepserver's clientAuth-only certificates), with its SCEP source
    /// recorded and its renewal due after one failed attempt.
    /// </summary>
    private static async Task<string> SeedScepCertificateAsync(ScepServer server, string dataDirectory)
    {
        using var work = new TempDirectory();
        using var host = new ScepTestHost(dataDirectory: dataDirectory);
        var client = host.Get<ScepClient>();
        var endpoint = ScepEndpoint.TryParse(server.Url, out _)!;
        var ca = (await client.ContactAsync(endpoint)).Value;
        using var key = RSA.Create(2048);
        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = Name }).Value;
        var enrolled = await client.EnrollAsync(ca, key, ScepCsr.Create(key, request, server.Challenge, HashAlgorithmName.SHA256), ScepCsr.Subject(request));
        Assert.True(enrolled.Succeeded, string.Join("\n", enrolled.Problems.Select(p => p.Message)) + "\n" + server.Output);
        using var issued = enrolled.Value.Issued!;
        File.WriteAllText(work.File("leaf.pem"), issued.ExportCertificatePem());
        File.WriteAllText(work.File("leaf.key"), key.ExportPkcs8PrivateKeyPem());
        ConsoleSeed.InstallCertificate(dataDirectory, work.File("leaf.pem"), work.File("leaf.key"));
        var fingerprint = issued.GetCertHashString(HashAlgorithmName.SHA256);
        var source = await host.Get<ScepSourceStore>().AddAsync(new Uri(server.Url), [.. ca.Certificates.Certificates.SelectMany(c => c.RawData)], [Name], 2048, fingerprint, "test", DateTimeOffset.UtcNow);
        await host.Get<ScepSourceStore>().RecordRenewalAsync(source.Id, DateTimeOffset.UtcNow.AddMinutes(-1), "due for the test", null, null, 1);
        return fingerprint;
    }
}
