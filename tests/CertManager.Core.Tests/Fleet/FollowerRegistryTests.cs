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

    private async Task<FollowerSummary> FollowerAsync() => Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync());
}
