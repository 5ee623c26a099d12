using CertManager.Core.Certificates;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>
/// Fires the expiry check as soon as the presented certificate changes (an install, an uninstall, or the CLI's),
/// so the old certificate's expiry events are resolved at once rather than at the next hourly run.
/// </summary>
internal sealed partial class CertificateChangeTrigger(ServerCertificateProvider provider, ISchedulerFactory schedulers, ILogger<CertificateChangeTrigger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        provider.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(ServerCertificate certificate) => _ = TriggerAsync();

    private async Task TriggerAsync()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            await scheduler.TriggerJob(ExpiryCheckJob.Key);
        }
#pragma warning disable CA1031 // A failed trigger only delays the check to its next scheduled run; it must not crash the reload.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogTriggerFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "The expiry check could not be started after a certificate change; it runs at its next scheduled time")]
    private static partial void LogTriggerFailed(ILogger logger, Exception exception);
}
