using CertManager.Core.Events;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>Deletes events past their retention (<c>CertManager:Events:Retention</c>) through the Core <see cref="EventPruner"/>: at start-up and daily.</summary>
[DisallowConcurrentExecution]
internal sealed class EventPruneJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("event-prune", "certmanager");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventPruner>().PruneAsync(cancellationToken);
    }
}
