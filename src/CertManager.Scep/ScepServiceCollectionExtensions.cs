using CertManager.Scep.Enrollment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertManager.Scep;

/// <summary>Registers the SCEP client and enrollment for the console and the CLI; call after <c>AddCertManagerCore()</c>.</summary>
public static class ScepServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerScep(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ScepOptions>().BindConfiguration(ScepOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton(sp => new ScepClient(
            // One client for the process: SCEP servers are few, and the handler's pool is refreshed for DNS changes.
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<ScepOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddOptionsWithValidateOnStart<ScepPollingOptions>().BindConfiguration(ScepPollingOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<ScepPollingOptions>, ScepPollingOptionsValidator>();
        services.AddSingleton<ScepEnrollmentService>();
        services.AddSingleton<ScepTransactionPoller>();
        services.AddOptionsWithValidateOnStart<Renewal.ScepRenewalOptions>().BindConfiguration(Renewal.ScepRenewalOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<Renewal.ScepRenewalService>();
        return services;
    }
}
