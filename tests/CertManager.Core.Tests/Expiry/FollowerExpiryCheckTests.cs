using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Expiry;

/// <summary>
/// The expiry check on a proxy with servers behind it: each follower's presented certificate, known from the edge's own
/// versions or from the follower's signed report, gets one expiry event while it is near expiry.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FollowerExpiryCheckTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private ExpiryChecker Checker => _rig.Edge.Get<ExpiryChecker>();

    private FollowerRegistry Registry => _rig.Edge.Get<FollowerRegistry>();

    private DateTimeOffset Now => _rig.Edge.Time.GetUtcNow();

    [Fact]
    public async Task CheckAsync_FollowerPresentsItsOwnExpiringCertificate_OneEventUntilItTakesTheEdgesCertificate()
    {
        var id = await _rig.PairAsync("app1");
        var edgeCertificate = await _rig.InstallOnEdgeAsync();
        var own = Fingerprint();
        await Registry.RecordReportAsync(id, new FollowerReport(edgeCertificate, own, FollowerState.Refused, [], Now.AddDays(9).AddHours(1), "CN=app1.example.test"));

        var first = await Checker.CheckAsync();

        Assert.Equal((1, 0), (first.Raised, first.Resolved));
        var finding = Assert.Single(first.Followers);
        Assert.Equal(("app1", ExpiryLevel.Warning, 9, own), (finding.FollowerName, finding.Level, finding.DaysRemaining, finding.Sha256Fingerprint));
        var raised = Assert.Single(await OpenAsync());
        Assert.Equal(EventSeverity.Warning, raised.Severity);
        Assert.StartsWith($"Server 'app1' (#{id}) behind this proxy presents a certificate that expires in 9 day(s)", raised.Message, StringComparison.Ordinal);
        Assert.Contains("'CN=app1.example.test'", raised.Message, StringComparison.Ordinal);

        var second = await Checker.CheckAsync();
        Assert.Equal((0, 0), (second.Raised, second.Resolved));
        Assert.Single(await OpenAsync());

        // Three days later it is under a week: the WARNING gives way to one MINOR.
        _rig.Edge.Time.Advance(TimeSpan.FromDays(3));
        var minor = await Checker.CheckAsync();
        Assert.Equal((1, 1), (minor.Raised, minor.Resolved));
        Assert.Equal(EventSeverity.Minor, Assert.Single(await OpenAsync()).Severity);

        // It takes the edge's certificate: covered by the edge's own check from now on, the follower's event is over.
        await Registry.RecordReportAsync(id, new FollowerReport(edgeCertificate, edgeCertificate, FollowerState.InSync, []));
        var taken = await Checker.CheckAsync();
        Assert.Equal((0, 1), (taken.Raised, taken.Resolved));
        Assert.Empty(taken.Followers);
        Assert.Empty(await OpenAsync());

        // The edge moves on and the follower stays behind on that version, reporting no expiry (an older console): the
        // edge knows the version's expiry itself. The test PKI issues for 90 days: five days before that one's end.
        await _rig.InstallOnEdgeAsync("newer.example.test");
        _rig.Edge.Time.Advance(TimeSpan.FromDays(82));
        var behind = await Checker.CheckAsync();
        var stale = Assert.Single(behind.Followers);
        Assert.Equal((ExpiryLevel.Minor, edgeCertificate), (stale.Level, stale.Sha256Fingerprint));
        Assert.Contains("CN=console.example.test", Assert.Single(await OpenAsync()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_FollowerRemoved_ResolvesItsEvent()
    {
        var (pairing, response) = await _rig.RegisterAsync("app1");
        pairing.Dispose();
        var id = response.Value.FollowerId;
        await Registry.RecordReportAsync(id, new FollowerReport(null, Fingerprint(), FollowerState.Held, [], Now.AddDays(-1), "CN=app1.example.test"));
        await Checker.CheckAsync();
        Assert.Equal(EventSeverity.Major, Assert.Single(await OpenAsync()).Severity);

        await Registry.RemoveAsync(id, "alice");
        var result = await Checker.CheckAsync();

        Assert.Equal((0, 1), (result.Raised, result.Resolved));
        Assert.Empty(await OpenAsync());
    }

    [Fact]
    public async Task RecordReportAsync_ThroughTheSignedReport_CarriesTheExpiryAndRefusesAnAlteredOne()
    {
        var id = await _rig.PairAsync("app1");
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        // A certificate's notAfter has whole seconds.
        var notAfter = DateTimeOffset.FromUnixTimeSeconds(Now.AddDays(3).ToUnixTimeSeconds());
        var report = new FollowerReport(null, Fingerprint(), FollowerState.Held, [], notAfter, "CN=app1.example.test");
        var body = JsonSerializer.SerializeToUtf8Bytes(report, FleetJson.Options);
        var signed = Sign(following, "n1", body);

        // Someone between the two moves the expiry a year on: the signature no longer covers the body.
        var later = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(report.PresentedNotAfter!.Value.Year.ToString(CultureInfo.InvariantCulture), (report.PresentedNotAfter.Value.Year + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.NotEqual(body, later);
        var altered = await _rig.Edge.Get<FleetRequestAuthenticator>().AuthenticateAsync(signed with { Body = later }, "10.0.0.7");
        Assert.Equal("fleet.request-unsigned", Assert.Single(altered.Problems).Code);

        var accepted = await _rig.Edge.Get<FleetRequestAuthenticator>().AuthenticateAsync(signed, "10.0.0.7");
        Assert.Equal(id, accepted.Value);
        await Registry.RecordReportAsync(accepted.Value, JsonSerializer.Deserialize<FollowerReport>(signed.Body, FleetJson.Options)!);

        var finding = Assert.Single((await Checker.CheckAsync()).Followers);
        Assert.Equal((notAfter, "CN=app1.example.test", ExpiryLevel.Minor), (finding.NotAfter, finding.Subject, finding.Level));
    }

    private Task<IReadOnlyList<EventRecord>> OpenAsync() => _rig.Edge.Get<EventRecorder>().ListUnresolvedConditionsAsync(FollowerExpiryCheck.KeyPrefix);

    private static string Fingerprint() => string.Join(':', RandomNumberGenerator.GetBytes(32).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private SignedRequest Sign(Following following, string nonce, byte[] body)
    {
        var timestamp = _rig.Edge.Time.GetUtcNow().ToUnixTimeSeconds();
        var unsigned = new SignedRequest(following.FollowerId.ToString(CultureInfo.InvariantCulture), timestamp.ToString(CultureInfo.InvariantCulture), nonce, null, "POST", FleetPaths.Report, body);
        var canonical = FleetRequestSignature.Canonical(unsigned.Method, unsigned.PathAndQuery, timestamp, nonce, body);
        return unsigned with { Signature = FleetRequestSignature.Sign(following.SigningKey, canonical) };
    }
}
