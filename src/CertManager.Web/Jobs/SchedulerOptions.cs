namespace CertManager.Web.Jobs;

/// <summary>
/// The clustered job scheduler of several console nodes on one PostgreSQL database (<c>CertManager:Scheduler</c>).
/// Ignored with SQLite, where each console keeps its jobs in memory. A node that stops checking in for
/// <see cref="CheckinInterval"/> plus <see cref="CheckinMisfireThreshold"/> is taken as dead; another node then runs
/// the jobs it was running and fires its triggers. Checked at start by <see cref="SchedulerOptionsValidator"/>.
/// </summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "CertManager:Scheduler";

    /// <summary>The value of <see cref="InstanceId"/> that lets each node make a unique id (host name and start time).</summary>
    public const string AutoInstanceId = "AUTO";

    /// <summary>This node's id in the cluster: <c>AUTO</c> (default) or a name unique among the nodes, e.g. the host name.</summary>
    public string InstanceId { get; set; } = AutoInstanceId;

    /// <summary>How often this node records in the database that it is alive (default 5 seconds).</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in the other nodes wait before taking this node's jobs over (default 5 seconds).</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How late a trigger may fire (all nodes busy or down) before it counts as missed and is rescheduled (default 30 seconds).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);
}
