using CertManager.Acme;
using CertManager.Core.Hosting;
using CertManager.Scep;
using CertManager.Web.Api;
using CertManager.Web.Fleet;
using CertManager.Web.Jobs;
using CertManager.Web.Metrics;
using CertManager.Web.Security;

namespace CertManager.Web.Hosting;

/// <summary>Every service of the console, in one place for <c>Program.cs</c> and for tests that declare its endpoints.</summary>
public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCertManagerCore();
        services.AddCertManagerScep();
        services.AddCertManagerScepPolling(configuration);
        services.AddCertManagerAcme();
        services.AddCertManagerRenewal(configuration);
        services.AddCertManagerSecurity();
        services.AddCertManagerSignInLimits();
        services.AddCertManagerApi();
        services.AddCertManagerFleet();
        services.AddCertManagerMetrics();
        services.AddCertManagerDataProtection();
        services.AddCertManagerWeb();
        services.AddCertManagerJobs(configuration);
        return services;
    }
}
