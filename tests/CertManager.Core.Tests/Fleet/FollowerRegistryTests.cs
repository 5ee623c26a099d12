using System.Runtime.Versioning;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Fleet;

/// <summary>What the edge keeps from followers' reports for its Servers page.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FollowerRegistryTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task RecordReportAsync_FollowerFirstPresentsTheEdgesCertificate_KeepsTheTimeSinceItsInstallHere()
    {
        var id = await _rig.PairAsync("app-1");
        var fingerprint = await _rig.InstallOnEdgeAsync();
        var registry = _rig.Edge.Get<FollowerRegistry>();

        // Installed on the follower but its HTTPS port still presents the one before: not taken yet.
        _rig.Edge.Time.Advance(TimeSpan.FromSeconds(7));
        await registry.RecordReportAsync(id, new FollowerReport(fingerprint, "AA:BB", FollowerState.Updating, []));
        Assert.Null((await FollowerAsync()).LastTake);

        _rig.Edge.Time.Advance(TimeSpan.FromSeconds(2));
        await registry.RecordReportAsync(id, new FollowerReport(fingerprint, fingerprint.ToLowerInvariant(), FollowerState.InSync, []));
        Assert.Equal(TimeSpan.FromSeconds(9), (await FollowerAsync()).LastTake);

        // Later reports of the same certificate keep the figure of its arrival.
        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(5));
        await registry.RecordReportAsync(id, new FollowerReport(fingerprint, fingerprint, FollowerState.InSync, []));
        Assert.Equal(TimeSpan.FromSeconds(9), (await FollowerAsync()).LastTake);
    }

    [Fact]
    public async Task RecordReportAsync_FollowerPresentsACertificateTheEdgeDoesNot_NoTimeKept()
    {
        var id = await _rig.PairAsync("app-1");
        await _rig.InstallOnEdgeAsync();

        await _rig.Edge.Get<FollowerRegistry>().RecordReportAsync(id, new FollowerReport(null, "AA:BB:CC", FollowerState.InSync, []));

        Assert.Null((await FollowerAsync()).LastTake);
    }

    [Fact]
    public async Task RecordReportAsync_InSyncWithoutTheEdgesCurrentCertificate_UpdatingAndBehindAfterTheLimit()
    {
        // A bundle was issued, but the follower says "in sync" with the certificate before: the "nothing newer" answer
        // it acted on is not signed, so someone between the two may have dropped the bundle.
        var id = await _rig.PairAsync("app-1");
        var old = await _rig.InstallOnEdgeAsync();
        var current = await _rig.InstallOnEdgeAsync();
        await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", old, "127.0.0.1");
        var registry = _rig.Edge.Get<FollowerRegistry>();

        await registry.RecordReportAsync(id, new FollowerReport(old, old, FollowerState.InSync, []));
        Assert.Equal(FollowerState.Updating, (await FollowerAsync()).State);

        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(31));
        await registry.RecordReportAsync(id, new FollowerReport(old, old, FollowerState.InSync, []));
        Assert.Equal(1, await _rig.Edge.Get<FleetWatch>().CheckAsync());

        await registry.RecordReportAsync(id, new FollowerReport(current, current, FollowerState.InSync, []));
        Assert.Equal(FollowerState.InSync, (await FollowerAsync()).State);
        Assert.Equal(0, await _rig.Edge.Get<FleetWatch>().CheckAsync());
    }

    private async Task<FollowerSummary> FollowerAsync() => Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync());
}
