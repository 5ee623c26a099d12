using Quartz;

namespace CertManager.Web.Jobs;

/// <summary>
/// Says at Debug level which node ran which firing of a job (and whether it was a recovery of a firing a dead node
/// left unfinished), so that an operator of several nodes can see where the work went.
/// </summary>
internal sealed partial class JobRunLog(ILogger<JobRunLog> logger) : IJobListener
{
    public string Name => "certmanager-job-run-log";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        LogJobRan(logger, context.JobDetail.Key.ToString(), context.Scheduler.SchedulerInstanceId, context.Trigger.Key.ToString(), context.ScheduledFireTimeUtc, context.Recovering);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    [LoggerMessage(EventId = 2602, Level = LogLevel.Debug, Message = "Job {Job} ran on scheduler node {Node} for trigger {Trigger} due at {ScheduledFireTime:O} (recovering: {Recovering})")]
    private static partial void LogJobRan(ILogger logger, string job, string node, string trigger, DateTimeOffset? scheduledFireTime, bool recovering);
}
