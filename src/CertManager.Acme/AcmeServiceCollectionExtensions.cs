using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Issuance;
using CertManager.Acme.Renewal;
using CertManager.Acme.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Acme;

/// <summary>Registers the ACME client and order flow for the console and the CLI; call after <c>AddCertManagerCore()</c>.</summary>
public static class AcmeServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerAcme(this IServiceCollection services, Func<HttpMessageHandler>? handler = null)
    {
        services.AddOptionsWithValidateOnStart<AcmeOptions>().BindConfiguration(AcmeOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton(sp => new AcmeClient(
            // One client for the process.
            new HttpClient(handler?.Invoke() ?? AcmeTlsTrust.CreateHandler(sp.GetRequiredService<IOptions<AcmeOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<AcmeOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AcmeClient>>()));
        services.AddSingleton<AcmeOrderFlow>();
        services.AddOptionsWithValidateOnStart<AcmeChallengeOptions>().BindConfiguration(AcmeChallengeOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<AcmeAccountService>();
        services.AddSingleton<AcmeEnrollmentService>();
        services.AddOptionsWithValidateOnStart<AcmeRenewalOptions>().BindConfiguration(AcmeRenewalOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<AcmeOrderResumer>();
        services.AddSingleton<AcmeRenewalService>();
        return services;
    }
}
