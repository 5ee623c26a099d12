using CertManager.Core.Fleet;
using CertManager.Web.Fleet;
using CertManager.Web.Jobs;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Web.Tests.Fleet;

/// <summary>A follower's first poll waits <c>CertManager:Jobs:StartDelay</c> after the host has started.</summary>
public sealed class FollowerPollingServiceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(30)]
    public async Task FirstPoll_AfterTheHostStarted_WaitsTheStartDelay(int delaySeconds)
    {
        var time = new FakeTimeProvider();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var services = new FirstPollProbe();
        using var polling = new FollowerPollingService(
            services,
            lifetime,
            Options.Create(new FleetOptions()),
            Options.Create(new JobStartOptions { StartDelay = TimeSpan.FromSeconds(delaySeconds) }),
            time,
            NullLogger<FollowerPollingService>.Instance);
        await polling.StartAsync(CancellationToken.None);
        lifetime.NotifyStarted();

        var waited = await AdvanceUntilAsync(time, services.Asked, TimeSpan.FromSeconds(1));

        // The poll's first step is taking the sync service (the probe has none, which ends the service there). The
        // clock may have moved on a step or two before the service set its timer, never less than the delay.
        Assert.True(waited >= TimeSpan.FromSeconds(delaySeconds), $"The first poll began {waited} after the start, before the start delay of {delaySeconds} s.");
        await polling.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Moves the fake clock on a step at a time until <paramref name="done"/> completes, giving the service's
    /// continuations a moment of real time between steps; returns the fake time it took.
    /// </summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Task done, TimeSpan step)
    {
        var started = time.GetUtcNow();
        for (var attempt = 0; attempt < 2_000 && !done.IsCompleted; attempt++)
        {
            // Until the service has set its timer, moving the clock does nothing for it, so each step waits for it a little.
            if (await Task.WhenAny(done, Task.Delay(10)) != done)
            {
                time.Advance(step);
            }
        }

        Assert.True(done.IsCompleted, "The follower never asked for its sync service.");
        return time.GetUtcNow() - started;
    }

    /// <summary>Stands in for the service provider: records that the first poll began, and has no sync service.</summary>
    private sealed class FirstPollProbe : IServiceProvider
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(FollowerSync))
            {
                _asked.TrySetResult();
            }

            return null;
        }
    }
}
