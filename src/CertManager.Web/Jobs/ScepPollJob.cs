using CertManager.Scep.Enrollment;
using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>
/// Polls the SCEP transactions a CA answered PENDING whose next poll is due. Thin: the schedule, back-off and
/// outcomes are <see cref="ScepTransactionPoller"/>'s. Never runs twice at once, so one transaction is never asked
/// about by two polls in parallel.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ScepPollJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("scep-poll", "scep");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScepTransactionPoller>().PollDueAsync(cancellationToken);
    }
}
