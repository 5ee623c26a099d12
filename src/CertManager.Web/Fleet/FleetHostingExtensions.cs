using CertManager.Core.Fleet;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertManager.Web.Fleet;

/// <summary>The fleet in the console: the edge's endpoints' rate limit, and on a follower the poller and the TLS probe.</summary>
public static class FleetHostingExtensions
{
    public static IServiceCollection AddCertManagerFleet(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, FleetPairingRateLimiterPolicy>(FleetPairingRateLimiterPolicy.Name));
        services.RemoveAll<IPresentedCertificateProbe>();
        services.AddSingleton<IPresentedCertificateProbe, TlsPresentedCertificateProbe>();
        services.AddHostedService<FollowerPollingService>();
        return services;
    }
}
