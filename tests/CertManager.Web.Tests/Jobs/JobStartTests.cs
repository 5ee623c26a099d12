using System.Diagnostics;
using System.Globalization;
using CertManager.Testing;

namespace CertManager.Web.Tests.Jobs;

/// <summary>The scheduled jobs' first runs wait <c>CertManager:Jobs:StartDelay</c> after the console has started.</summary>
public sealed class JobStartTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task FirstRuns_StartDelaySet_BeginOnlyAfterItHasPassed()
    {
        var started = Stopwatch.StartNew();
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["CertManager__Jobs__StartDelay"] = Delay.ToString("c", CultureInfo.InvariantCulture),
            ["Serilog__MinimumLevel__Override__CertManager.Web.Jobs.JobRunLog"] = "Debug",
        });

        await WaitForFirstExpiryCheckAsync(console, TimeSpan.FromSeconds(120));

        // The delay counts from when the scheduler builds the triggers, after the process started: without it the check
        // runs as the console starts answering, a few seconds in; with it, never sooner than the delay.
        Assert.True(started.Elapsed >= Delay, $"the expiry check ran {started.Elapsed} after the process started, before the start delay of {Delay}");
    }

    /// <summary>Returns as soon as the console's output shows the expiry check's first run (seen at most 100 ms late).</summary>
    private static async Task WaitForFirstExpiryCheckAsync(ConsoleProcess console, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!JobRun.Parse(console.Output).Any(run => run.Job.Contains("expiry-check", StringComparison.Ordinal)))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The expiry check did not run within {timeout}. Output:\n{console.Output}");
            }

            await Task.Delay(100);
        }
    }
}
