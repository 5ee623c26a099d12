using System.Security.Cryptography.X509Certificates;
using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Renewal;
using CertManager.Acme.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Core.Enrollment;
using CertManager.Core.Trust;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Renewal;

/// <summary>
/// Renewal of an ACME certificate against pebble 2.6: the plan follows the CA's renewalInfo window (RFC 9773), and
/// "Renew now" places an order with <c>replaces</c> and installs the new certificate through the chain doctor; set to
/// hold, a renewal waits (no further order while it does) until an administrator installs it.
/// </summary>
public sealed class AcmeRenewalServiceTests(PebbleWithAri peers) : IClassFixture<PebbleWithAri>
{
    [Fact]
    public async Task Plan_AriDirectory_FollowsTheSuggestedWindowRenewNowReplacesAndAHeldRenewalInstallsWhenAsked()
    {
        using var work = new TempDirectory();
        var hook = work.File("dns-hook.sh");
        File.WriteAllText(hook, $"#!/bin/sh\nset -e\nif [ \"$1\" = add ]; then path=set-txt; else path=clear-txt; fi\ncurl -sf -X POST -d \"{{\\\"host\\\":\\\"$2.\\\",\\\"value\\\":\\\"$3\\\"}}\" {peers.Dns.ManagementUrl}$path\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var host = new AcmeTestHost(peers.Pebble, new Dictionary<string, string?> { ["CertManager:Acme:Challenges:DnsHook:FileName"] = hook });
        using var root = X509Certificate2.CreateFromPem(await peers.Pebble.GetRootPemAsync());
        Assert.True((await host.Get<TrustStore>().AddRootAsync(root, "test")).Succeeded);
        var service = host.Get<AcmeEnrollmentService>();
        var request = AcmeEnrollmentService.Validate(new AcmeEnrollmentForm
        {
            DirectoryUrl = peers.Pebble.DirectoryUrl.AbsoluteUri,
            TermsOfServiceAgreed = true,
            CommonName = "console.example.test",
            ChallengeWay = AcmeChallengeWays.DnsHook,
        });
        using (var first = (await service.ObtainAsync(request.Value, "test")).Value)
        {
            Assert.True((await service.InstallAsync(first, warningsConfirmed: true, "test")).Succeeded);
        }

        var provider = host.Get<ServerCertificateProvider>();
        var firstSerial = provider.Current.Certificate.SerialNumber;
        var renewal = host.Get<AcmeRenewalService>();

        var plan = await renewal.PlanAsync();

        Assert.NotNull(plan);
        Assert.Contains("ACME Renewal Information", plan.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(CertManager.Acme.Protocol.RenewalCertificateId.Of(provider.Current.Certificate), plan.Replaces);
        Assert.InRange(plan.Decision.DueAt, provider.Current.Certificate.NotBefore.ToUniversalTime(), provider.Current.Certificate.NotAfter.ToUniversalTime());
        Assert.False(await renewal.RenewIfDueAsync());

        var renewed = await PebbleOrderIndexRace.RetryAsync(() => renewal.RenewNowAsync("test"), r => AcmeTestHost.Describe(r.Problems));

        Assert.True(renewed.Succeeded, AcmeTestHost.Describe(renewed.Problems) + "\n" + peers.Pebble.Output);
        Assert.StartsWith("Renewed and installed", renewed.Value.Message, StringComparison.Ordinal);
        Assert.True(renewed.Value.Installed);
        Assert.NotEqual(firstSerial, provider.Current.Certificate.SerialNumber);
        var orders = await host.Get<AcmeStore>().ListOrdersAsync(5);
        Assert.Equal(plan.Replaces, orders[0].Replaces);
        Assert.Equal(AcmeOrderStatus.Installed, orders[0].Status);
        Assert.NotNull(await renewal.PlanAsync());

        var store = host.Get<AcmeStore>();
        await store.SetAutoInstallAsync(orders[0].Id, autoInstall: false);
        var secondSerial = provider.Current.Certificate.SerialNumber;
        var held = await PebbleOrderIndexRace.RetryAsync(() => renewal.RenewNowAsync("test"), r => AcmeTestHost.Describe(r.Problems));

        Assert.True(held.Succeeded, AcmeTestHost.Describe(held.Problems));
        Assert.False(held.Value.Installed);
        Assert.Empty(held.Value.HeldFor);
        Assert.Equal(secondSerial, provider.Current.Certificate.SerialNumber);
        Assert.Equal(held.Value.Reference, (await store.FindHeldAsync())?.Id);
        Assert.Equal(held.Value.Reference, (await renewal.PlanAsync())?.Open?.Id);
        Assert.False(await renewal.RenewIfDueAsync());

        var installed = await service.InstallHeldAsync(held.Value.Reference, warningsConfirmed: false, "test");

        Assert.True(installed.Succeeded, AcmeTestHost.Describe(installed.Problems));
        Assert.NotEqual(secondSerial, provider.Current.Certificate.SerialNumber);
        Assert.Equal(AcmeOrderStatus.Installed, (await store.GetOrderAsync(held.Value.Reference))!.Status);
        Assert.Null(await store.FindHeldAsync());
        Assert.False((await store.FindSourceAsync(provider.Current.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)))!.AutoInstall);
    }
}
