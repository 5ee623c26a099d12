using CertManager.Acme.Renewal;
using CertManager.Scep.Renewal;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>
/// Renews the presented certificate when its source says it is time. Thin: for ACME the decision (ARI window or two
/// thirds), the hold rules and the back-off are <see cref="AcmeRenewalService"/>'s; for SCEP re-enrollment
/// <see cref="ScepRenewalService"/>'s. Never runs twice at once, so one
/// certificate is never renewed by two orders in parallel.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RenewalJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("renewal", "acme");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcmeRenewalService>().RenewIfDueAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ScepRenewalService>().RenewIfDueAsync(cancellationToken);
    }
}
