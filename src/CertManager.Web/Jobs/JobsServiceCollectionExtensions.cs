using CertManager.Core.Alerts;
using CertManager.Core.Expiry;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>The console's scheduled work: the expiry check, the alert outbox, the daily event prune and the fleet watch (servers behind), in Quartz.NET's scheduler (in memory, or clustered on PostgreSQL: <see cref="SchedulerServiceCollectionExtensions"/>).</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // The intervals are read once here: Quartz builds its triggers before the options system is available.
        var checkInterval = configuration.GetSection(ExpiryOptions.SectionName).Get<ExpiryOptions>()?.CheckInterval ?? new ExpiryOptions().CheckInterval;
        var dispatchInterval = configuration.GetSection(AlertOptions.SectionName).Get<AlertOptions>()?.DispatchInterval ?? new AlertOptions().DispatchInterval;

        services.AddCertManagerScheduler(configuration);
        // Recovery (RequestRecovery): a firing that a dying node left unfinished is run again at once by another node.
        // Every job here is a sweep that does what is due and records it, so running one again is safe; the fleet watch,
        // which comes round every minute anyway, is the only one left to its next firing.
        services.AddQuartz(quartz =>
        {
            // Run when the scheduler is built, as the console starts.
            var firstRuns = JobStartOptions.FirstRunsAt(configuration);
            quartz.AddJob<ExpiryCheckJob>(job => job.WithIdentity(ExpiryCheckJob.Key).StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger
                .ForJob(ExpiryCheckJob.Key)
                .WithIdentity("expiry-check-schedule", "certmanager")
                .StartAt(firstRuns)
                .WithSimpleSchedule(schedule => schedule.WithInterval(checkInterval).RepeatForever()));

            quartz.AddJob<AlertDispatchJob>(job => job.WithIdentity(AlertDispatchJob.Key).StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger
                .ForJob(AlertDispatchJob.Key)
                .WithIdentity("alert-dispatch-schedule", "certmanager")
                .StartAt(firstRuns)
                .WithSimpleSchedule(schedule => schedule.WithInterval(dispatchInterval).RepeatForever()));

            quartz.AddJob<EventPruneJob>(job => job.WithIdentity(EventPruneJob.Key).StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger
                .ForJob(EventPruneJob.Key)
                .WithIdentity("event-prune-schedule", "certmanager")
                .StartAt(firstRuns)
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromDays(1)).RepeatForever()));

            quartz.AddJob<FleetWatchJob>(job => job.WithIdentity(FleetWatchJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(FleetWatchJob.Key)
                .WithIdentity("fleet-watch-schedule", "certmanager")
                .StartAt(firstRuns)
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        services.AddHostedService<CertificateChangeTrigger>();
        return services;
    }
}
