using CertManager.Acme.Renewal;
using CertManager.Web.Jobs;
using Quartz;

namespace CertManager.Web.Hosting;

/// <summary>Schedules <see cref="RenewalJob"/> every <see cref="AcmeRenewalOptions.CheckIntervalSeconds"/>, under its own <see cref="JobKey"/>.</summary>
public static class RenewalHostingExtensions
{
    public static IServiceCollection AddCertManagerRenewal(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The trigger is built at registration; the options are validated on start by AddCertManagerAcme.
        var renewal = configuration.GetSection(AcmeRenewalOptions.SectionName).Get<AcmeRenewalOptions>() ?? new AcmeRenewalOptions();
        services.AddCertManagerScheduler(configuration);
        // Recovery: a renewal a dying node left unfinished runs again at once on another node, as its next firing would (it does only what is due).
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<RenewalJob>(job => job.WithIdentity(RenewalJob.Key).RequestRecovery().WithDescription("Renews certificates obtained over ACME (ARI or two thirds of the lifetime)"));
            quartz.AddTrigger(trigger => trigger
                .ForJob(RenewalJob.Key)
                .WithIdentity("renewal-trigger", "acme")
                .StartAt(JobStartOptions.FirstRunsAt(configuration))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(renewal.CheckIntervalSeconds)).RepeatForever().MeasureIntervalFromCompletion(true)));
        });
        return services;
    }
}
