using CertManager.Scep;
using CertManager.Web.Jobs;
using Quartz;

namespace CertManager.Web.Hosting;

/// <summary>
/// Schedules <see cref="ScepPollJob"/>. Kept apart from other Quartz registrations: AddQuartz may be called more than
/// once and each job has its own <see cref="JobKey"/>.
/// </summary>
public static class ScepPollingHostingExtensions
{
    public static IServiceCollection AddCertManagerScepPolling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The trigger is built at registration; the options themselves are validated on start by AddCertManagerScep.
        var polling = configuration.GetSection(ScepPollingOptions.SectionName).Get<ScepPollingOptions>() ?? new ScepPollingOptions();
        services.AddCertManagerScheduler(configuration);
        // Recovery: a poll a dying node left unfinished runs again at once on another node, as its next firing would (it does only what is due).
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<ScepPollJob>(job => job.WithIdentity(ScepPollJob.Key).RequestRecovery().WithDescription("Polls pending SCEP enrollments (CertPoll)"));
            quartz.AddTrigger(trigger => trigger
                .ForJob(ScepPollJob.Key)
                .WithIdentity("scep-poll-trigger", "scep")
                .StartAt(JobStartOptions.FirstRunsAt(configuration))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(polling.CheckIntervalSeconds)).RepeatForever().MeasureIntervalFromCompletion(true)));
        });
        return services;
    }
}
