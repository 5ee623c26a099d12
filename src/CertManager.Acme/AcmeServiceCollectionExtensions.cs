using CertManager.Acme.Issuance;
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
            // One client for the process; redirects are not followed: ACME resources answer directly (RFC 8555 §7).
            new HttpClient(handler?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<AcmeOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AcmeClient>>()));
        services.AddSingleton<AcmeOrderFlow>();
        return services;
    }
}
