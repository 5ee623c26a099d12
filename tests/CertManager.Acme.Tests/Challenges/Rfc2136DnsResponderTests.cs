using CertManager.Acme.Challenges;
using CertManager.Acme.Challenges.Dns;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Tests.Support;
using CertManager.Core.Enrollment;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Challenges;

/// <summary>
/// dns-01 by RFC 2136 dynamic update with TSIG against a real BIND 9, with pebble validating through that BIND: a
/// name and its wildcard in one order, the record gone afterwards (checked with dig), and a wrong key explained.
/// </summary>
public sealed class Rfc2136DnsResponderTests(PebbleWithBind peers) : IClassFixture<PebbleWithBind>
{
    [Fact]
    public async Task Obtain_NameAndWildcardByDynamicUpdate_IssuesAndRemovesTheRecords()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        await SaveSettingsAsync(host, peers.Dns.Secret);

        var obtained = await host.Get<AcmeEnrollmentService>().ObtainAsync(Request("example.test", "*.example.test"), "test");

        Assert.True(obtained.Succeeded, AcmeTestHost.Describe(obtained.Problems) + "\n" + peers.Pebble.Output + "\n" + peers.Dns.Output);
        using var enrollment = obtained.Value;
        var names = enrollment.Report.ServerCertificate!.AlternateNames.Select(n => n.Value);
        Assert.Equal(["*.example.test", "example.test"], names.Order(StringComparer.Ordinal));
        Assert.Empty(await peers.Dns.QueryTxtAsync("_acme-challenge.example.test"));
        Assert.Contains("approved", peers.Dns.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Obtain_WrongTsigSecret_ExplainsTheKeyAndWhatToDo()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        await SaveSettingsAsync(host, Convert.ToBase64String(new byte[32]));

        var obtained = await host.Get<AcmeEnrollmentService>().ObtainAsync(Request("wrong-key.example.test"), "test");

        var problem = Assert.Single(obtained.Problems);
        Assert.Equal("acme.dns-update-bad-key", problem.Code);
        Assert.Contains(BindServer.KeyName, problem.Message, StringComparison.Ordinal);
        Assert.Contains("secret", problem.Fix, StringComparison.Ordinal);
        Assert.Empty(await peers.Dns.QueryTxtAsync("_acme-challenge.wrong-key.example.test"));
        var order = (await host.Get<AcmeStore>().ListOrdersAsync(1)).Single();
        Assert.Equal(AcmeOrderStatus.Failed, order.Status);
    }

    [Fact]
    public async Task Obtain_NameOutsideTheZone_SaysWhichZoneIsUpdated()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        await SaveSettingsAsync(host, peers.Dns.Secret);

        var obtained = await host.Get<AcmeEnrollmentService>().ObtainAsync(Request("www.other.test"), "test");

        Assert.Equal("acme.dns-update-outside-zone", Assert.Single(obtained.Problems).Code);
    }

    [Fact]
    public async Task Obtain_SecondNameServerNeverServesTheRecord_StopsBeforeAskingTheCa()
    {
        using var host = new AcmeTestHost(peers.Pebble, new Dictionary<string, string?>
        {
            ["CertManager:Acme:Challenges:DnsPropagationTimeout"] = "00:00:05",
            ["CertManager:Acme:Challenges:DnsQueryTimeout"] = "00:00:01",
        });
        await SaveSettingsAsync(host, peers.Dns.Secret, peers.Dns.LaggingZone);

        var obtained = await host.Get<AcmeEnrollmentService>().ObtainAsync(Request("www." + peers.Dns.LaggingZone), "test");

        var problem = Assert.Single(obtained.Problems);
        Assert.Equal("acme.dns-not-propagated", problem.Code);
        Assert.Contains($"127.0.0.2:{peers.Dns.Port}", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{peers.Dns.Port} did not", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await peers.Dns.QueryTxtAsync("_acme-challenge.www." + peers.Dns.LaggingZone));
    }

    [Fact]
    public async Task SaveAsync_Secret_IsNotStoredInClear()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        await SaveSettingsAsync(host, peers.Dns.Secret);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var secret = Convert.FromBase64String(peers.Dns.Secret);
        foreach (var file in Directory.GetFiles(host.DataDirectory, "certmanager.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(peers.Dns.Secret)));
        }

        var saved = await host.Get<AcmeDnsUpdateStore>().GetAsync();
        Assert.Equal(secret, saved!.Secret);
        Assert.DoesNotContain(peers.Dns.Secret, saved.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadValues_ReportsEachWithAFix()
    {
        var validated = DnsUpdateSettingsValidator.Validate(new DnsUpdateForm { Server = "not a host", Port = 0, Zone = "", KeyName = "key", Algorithm = "hmac-foo", Secret = "c2hvcnQ=" });

        Assert.Equal(
            ["acme.dns-update-server-invalid", "acme.dns-update-port-invalid", "acme.dns-update-zone-invalid", "acme.dns-update-algorithm-invalid", "acme.dns-update-secret-invalid"],
            validated.Problems.Select(p => p.Code));
        Assert.All(validated.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix)));
    }

    private async Task SaveSettingsAsync(AcmeTestHost host, string secret, string? zone = null)
    {
        var settings = DnsUpdateSettingsValidator.Validate(new DnsUpdateForm
        {
            Server = "127.0.0.1",
            Port = peers.Dns.Port,
            Zone = (zone ?? peers.Dns.Zone) + ".",
            KeyName = BindServer.KeyName,
            Algorithm = BindServer.Algorithm,
            Secret = secret,
        });
        Assert.True(settings.Succeeded, AcmeTestHost.Describe(settings.Problems));
        await host.Get<AcmeDnsUpdateStore>().SaveAsync(settings.Value, "test", DateTimeOffset.UtcNow);
    }

    private AcmeEnrollmentRequest Request(params string[] names)
    {
        var request = AcmeEnrollmentService.Validate(new AcmeEnrollmentForm
        {
            DirectoryUrl = peers.Pebble.DirectoryUrl.AbsoluteUri,
            TermsOfServiceAgreed = true,
            CommonName = names[0],
            AlternateNames = names[1..],
            ChallengeWay = AcmeChallengeWays.DnsRfc2136,
        });
        Assert.True(request.Succeeded, AcmeTestHost.Describe(request.Problems));
        return request.Value;
    }
}
