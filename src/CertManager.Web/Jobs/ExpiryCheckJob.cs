using CertManager.Core.Expiry;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>Runs the Core <see cref="ExpiryChecker"/>: at start-up, every <c>CertManager:Expiry:CheckInterval</c> and after each certificate change.</summary>
[DisallowConcurrentExecution]
internal sealed class ExpiryCheckJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("expiry-check", "certmanager");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpiryChecker>().CheckAsync(cancellationToken);
    }
}
