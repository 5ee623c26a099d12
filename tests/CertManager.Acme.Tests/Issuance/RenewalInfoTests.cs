using System.Security.Cryptography.X509Certificates;
using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Acme.Tests.Support;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Issuance;

/// <summary>
/// ACME Renewal Information (RFC 9773) against pebble 2.6: the renewalInfo window of an issued certificate, and a
/// renewal order that names it in <c>replaces</c>. Fails (never passes silently) on Debian 12's pebble 2.4.
/// </summary>
public sealed class RenewalInfoTests(PebbleWithAri peers) : IClassFixture<PebbleWithAri>
{
    [Fact]
    public async Task GetRenewalInfo_IssuedCertificate_SuggestsAWindowInsideItsValidity()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);
        using var issued = await IssueAsync(host, session, "ari.example.test");

        var info = await host.Client.GetRenewalInfoAsync(session.Directory, issued.Certificate);

        Assert.True(info.Succeeded, AcmeTestHost.Describe(info.Problems) + "\n" + peers.Pebble.Output);
        var window = info.Value.SuggestedWindow!;
        Assert.True(window.Start < window.End);
        Assert.InRange(window.Start, issued.Certificate.NotBefore.ToUniversalTime(), issued.Certificate.NotAfter.ToUniversalTime());
        Assert.InRange(window.End, issued.Certificate.NotBefore.ToUniversalTime(), issued.Certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public async Task Obtain_WithReplaces_TheOrderNamesTheRenewedCertificate()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);
        using var first = await IssueAsync(host, session, "renew.example.test");
        var id = RenewalCertificateId.Of(first.Certificate)!;

        var order = await PebbleOrderIndexRace.RetryAsync(() => host.Client.NewOrderAsync(session, [AcmeIdentifier.Dns("renew.example.test")], replaces: id), o => AcmeTestHost.Describe(o.Problems));
        Assert.True(order.Succeeded, AcmeTestHost.Describe(order.Problems) + "\n" + peers.Pebble.Output);
        var renewed = await host.Flow.CompleteAsync(session, order.Value, new AcmeOrderPlan(AcmeTestHost.Request("renew.example.test"), new ChallengeServerDnsResponder(peers.Dns), Replaces: id), null, key: null);

        Assert.Equal(id, order.Value.Replaces);
        Assert.True(renewed.Succeeded, AcmeTestHost.Describe(renewed.Problems));
        using var second = renewed.Value;
        Assert.NotEqual(first.Certificate.SerialNumber, second.Certificate.SerialNumber);
    }

    [Fact]
    public async Task GetRenewalInfo_DirectoryWithoutRenewalInfo_SaysTwoThirdsApply()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        var directory = await host.Client.GetDirectoryAsync(peers.Pebble.DirectoryUrl);
        using var certificate = X509CertificateLoader.LoadCertificate(peers.Pebble.TlsCertificate.RawData);

        var info = await host.Client.GetRenewalInfoAsync(directory.Value with { RenewalInfo = null }, certificate);

        Assert.NotNull(directory.Value.RenewalInfo);
        Assert.Equal("acme.no-renewal-info", Assert.Single(info.Problems).Code);
    }

    private async Task<AcmeIssuedCertificate> IssueAsync(AcmeTestHost host, AcmeSession session, string name)
    {
        var result = await host.Flow.ObtainAsync(session, new AcmeOrderPlan(AcmeTestHost.Request(name), new ChallengeServerDnsResponder(peers.Dns)));
        Assert.True(result.Succeeded, AcmeTestHost.Describe(result.Problems) + "\n" + peers.Pebble.Output);
        return result.Value;
    }
}
