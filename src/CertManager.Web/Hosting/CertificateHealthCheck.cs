using CertManager.Core.Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertManager.Web.Hosting;

/// <summary>Healthy while the console has a certificate to present; load balancers probe <c>/health</c>.</summary>
internal sealed class CertificateHealthCheck(ServerCertificateProvider provider, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var certificate = provider.Current.Certificate;
        var expired = certificate.NotAfter.ToUniversalTime() <= timeProvider.GetUtcNow().UtcDateTime;
        // An expired certificate still serves the console, but clients will refuse it: degraded, not down.
        return Task.FromResult(expired
            ? HealthCheckResult.Degraded("The presented certificate has expired.")
            : HealthCheckResult.Healthy());
    }
}
