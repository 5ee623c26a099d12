using System.Diagnostics;
using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Jobs;

/// <summary>
/// Two real console nodes on one PostgreSQL database share Quartz's clustered job store: each firing of a scheduled
/// job runs on one node only, and when the node running the alert dispatch is killed the other finishes it; the real
/// SMTP server receives each alert exactly once.
/// </summary>
[TestCaseOrderer(RunOrderOrderer.TypeName, RunOrderOrderer.AssemblyName)]
public sealed class ClusteredJobsTests(ClusterNodes cluster) : IClassFixture<ClusterNodes>
{
    private const string AlertDispatchJob = "certmanager.alert-dispatch";
    private const int Alerts = 3;
    private static readonly TimeSpan DispatchInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AlertDispatch_TwoNodes_EachFiringRunsOnExactlyOneNode()
    {
        await WaitUntilAsync(async () => (await cluster.SchedulerNodesAsync()).Count == 2, "both nodes registered in qrtz_scheduler_state");
        var before = cluster.Nodes.Select(n => JobRun.Parse(n.Output).Count).ToArray();

        var runs = await WaitForRunsAsync(before, count: 6);

        // One trigger in the shared store: its firings lie on one grid of the interval, and each is run once. Two
        // schedulers of their own would each start a grid at their own start time, and run every firing twice.
        var dispatches = runs.Where(r => r.Job == AlertDispatchJob && !r.Recovering).OrderBy(r => r.ScheduledFireTime).ToList();
        Assert.True(dispatches.Count >= 6, string.Join('\n', runs));
        Assert.Equal(dispatches.Count, dispatches.Select(r => r.ScheduledFireTime).Distinct().Count());
        var first = dispatches[0].ScheduledFireTime;
        Assert.All(dispatches, r => Assert.Equal(0, (r.ScheduledFireTime - first).Ticks % DispatchInterval.Ticks));
        Assert.All(dispatches, r => Assert.Contains(r.Node, ClusterNodes.Names));
    }

    [Fact]
    [RunOrder(1)]
    public async Task AlertDispatch_NodeKilledWhileSending_OtherNodeDeliversEachAlertExactlyOnce()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using var services = ConsoleSeed.CreateServices(cluster.DataDirectory(0), settings: cluster.Database.Settings);
        var saved = await services.GetRequiredService<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("127.0.0.1", cluster.Smtp.Port, SmtpSecurity.None, null, "certmanager@example.test", "pki@example.test", EventSeverity.Warning), "alice");
        Assert.True(saved.Succeeded);
        for (var i = 1; i <= Alerts; i++)
        {
            await services.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Warning, "accounts", $"failover alert {i} {marker}", "system");
        }

        // The SMTP server holds its answer to DATA: a node is now inside the alert dispatch job, mid-delivery.
        await cluster.Smtp.WaitUntilDataHeldAsync(Bound);
        var sender = await cluster.ExecutingNodeAsync("alert-dispatch");
        Assert.NotNull(sender);
        var victim = Array.IndexOf(ClusterNodes.Names, sender);
        var survivor = 1 - victim;
        // Last in the class (RunOrder): the killed node stays down until the fixture is disposed.
        await cluster.Nodes[victim].DisposeAsync();
        cluster.Smtp.ReleaseData();

        await WaitUntilAsync(async () => !(await services.GetRequiredService<AlertDispatcher>().ListWaitingAsync()).Any(m => m.Subject.Contains(marker, StringComparison.Ordinal)), $"every alert sent after {sender} was killed");

        var ours = cluster.Smtp.Messages().Where(m => (m.TextBody ?? "").Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(Alerts, ours.Count);
        Assert.Equal(Alerts, ours.Select(m => m.TextBody).Distinct().Count());
        // The survivor re-ran the firing the dead node left unfinished (the job requests recovery).
        await WaitUntilAsync(
            () => Task.FromResult(JobRun.Parse(cluster.Nodes[survivor].Output).Any(r => r.Job == AlertDispatchJob && r.Recovering && r.Node == ClusterNodes.Names[survivor])),
            $"{ClusterNodes.Names[survivor]} recovering {sender}'s alert dispatch");
    }

    private async Task<IReadOnlyList<JobRun>> WaitForRunsAsync(int[] before, int count)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var runs = cluster.Nodes.SelectMany((n, i) => JobRun.Parse(n.Output).Skip(before[i])).ToList();
            if (runs.Count(r => r.Job == AlertDispatchJob) >= count || elapsed.Elapsed > Bound)
            {
                return runs;
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > Bound)
            {
                throw new TimeoutException($"Not reached within {Bound.TotalSeconds:0} s: {what}.");
            }

            await Task.Delay(100);
        }
    }
}
