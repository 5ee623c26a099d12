using CertManager.Core.Alerts;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>Drains the alert outbox through the Core <see cref="AlertDispatcher"/> every <c>CertManager:Alerts:DispatchInterval</c>.</summary>
[DisallowConcurrentExecution]
internal sealed class AlertDispatchJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("alert-dispatch", "certmanager");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().DispatchDueAsync(cancellationToken);
    }
}
