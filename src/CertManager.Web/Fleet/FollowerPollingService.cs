using CertManager.Core.Fleet;
using CertManager.Web.Jobs;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Fleet;

/// <summary>
/// On a follower: keeps one long poll open to the edge at a time, so a new certificate arrives within seconds of its
/// install there. After a poll that failed, was refused, or came back at once with nothing, it waits the poll interval
/// (with ±10 % jitter, so many followers do not poll in step). Does nothing while this console follows no proxy.
/// The first poll waits until the console listens (it reports what the console presents, read by a TLS handshake with
/// itself) and then <see cref="JobStartOptions.StartDelay"/> more, as the scheduled jobs' first runs wait: it need not
/// take CPU time from the start.
/// </summary>
internal sealed partial class FollowerPollingService(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<FleetOptions> options,
    IOptions<JobStartOptions> start,
    TimeProvider timeProvider,
    ILogger<FollowerPollingService> logger) : BackgroundService
{
    private static readonly TimeSpan QuickAnswer = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken) || !await WaitAsync(start.Value.StartDelay, stoppingToken))
        {
            return;
        }

        var sync = services.GetRequiredService<FollowerSync>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = timeProvider.GetTimestamp();
            SyncOutcome? outcome = null;
            try
            {
                outcome = await sync.SyncOnceAsync(stoppingToken);
                if (outcome is { EdgeReached: false })
                {
                    LogEdgeUnreachable(logger, outcome.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed poll must not end polling: it is logged and retried after the interval.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, exception);
            }

            var again = outcome is { EdgeReached: true, State: FollowerState.InSync } && timeProvider.GetElapsedTime(started) >= QuickAnswer;
            if (!again)
            {
                await DelayAsync(stoppingToken);
            }
        }
    }

    /// <summary>True once the host has started; false when it stops first.</summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True after <paramref name="delay"/>; false when the host stops first.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task DelayAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        var jitter = interval * ((Random.Shared.NextDouble() * 0.2) - 0.1);
        try
        {
            await Task.Delay(interval + jitter, timeProvider, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "The proxy console could not be polled: {Reason}")]
    private static partial void LogEdgeUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Polling the proxy console failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
