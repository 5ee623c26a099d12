using System.Runtime.Versioning;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Fleet;

[UnsupportedOSPlatform("windows")]
public sealed class FleetWatchTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task CheckAsync_FollowerSilentPastLimit_OneEventUntilItIsHeardFromAgain()
    {
        var id = await _rig.PairAsync("app-1");
        var watch = _rig.Edge.Get<FleetWatch>();
        Assert.Equal(0, await watch.CheckAsync());

        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await watch.CheckAsync());
        Assert.Equal(1, await watch.CheckAsync());

        var open = Assert.Single(await _rig.Edge.Get<EventRecorder>().ListUnresolvedConditionsAsync(FleetWatch.ConditionPrefix));
        Assert.Equal((EventSeverity.Warning, EventSources.Fleet), (open.Severity, open.Source));
        Assert.StartsWith("Server 'app-1'", open.Message, StringComparison.Ordinal);

        await _rig.Edge.Get<FollowerRegistry>().RecordReportAsync(id, new FollowerReport(null, null, FollowerState.InSync, []));
        Assert.Equal(0, await watch.CheckAsync());
        Assert.Empty(await _rig.Edge.Get<EventRecorder>().ListUnresolvedConditionsAsync(FleetWatch.ConditionPrefix));
    }

    [Fact]
    public async Task CheckAsync_FollowerHoldingPastLimitWhileInContact_Behind()
    {
        var id = await _rig.PairAsync("app-1");
        await _rig.InstallOnEdgeAsync();
        await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1");
        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(31));

        await _rig.Edge.Get<FollowerRegistry>().RecordReportAsync(id, new FollowerReport(null, null, FollowerState.Held, [new ReportedProblem("chain.root-not-found", "not trusted here")]));

        Assert.Equal(1, await _rig.Edge.Get<FleetWatch>().CheckAsync());
        Assert.Contains("Held", Assert.Single(await _rig.Edge.Get<EventRecorder>().ListUnresolvedConditionsAsync(FleetWatch.ConditionPrefix)).Message, StringComparison.Ordinal);
    }
}
