using CertManager.Core.Fleet;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>On the edge: raises and resolves the "server behind" events through the Core <see cref="FleetWatch"/>, every minute.</summary>
[DisallowConcurrentExecution]
internal sealed class FleetWatchJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("fleet-watch", "certmanager");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FleetWatch>().CheckAsync(cancellationToken);
    }
}
