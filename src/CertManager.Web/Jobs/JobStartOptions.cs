using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Jobs;

/// <summary>
/// When the console's background work begins after a start (<c>CertManager:Jobs</c>): the scheduled jobs' first runs
/// (the expiry check, the alert outbox, the event prune, the fleet watch, the renewal and SCEP checks) and a follower's
/// first poll of its proxy. None of them is urgent to the second, and each pays for its first database queries, so
/// they wait until the console has started answering rather than compete with its first requests for the CPU.
/// </summary>
/// <remarks>
/// The jobs' triggers start <see cref="StartDelay"/> after they are built, as the console starts
/// (<see cref="FirstRunsAt"/>). Delaying the scheduler itself instead (Quartz's <c>StartDelay</c>) makes the first
/// firings late: past the job store's misfire threshold each trigger skips to its next interval, so that after a
/// restart the expiry check would not run until its next interval (seen with a 10 s delay).
/// </remarks>
public sealed class JobStartOptions
{
    public const string SectionName = "CertManager:Jobs";

    /// <summary>How long after the console starts the background work begins (default 5 seconds; 0 begins at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "CertManager:Jobs:StartDelay must be from 00:00:00 to 00:10:00, e.g. 00:00:05.")]
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When the jobs' first firings are due: <see cref="StartDelay"/> as configured from now, when the scheduler builds
    /// the triggers as the console starts (the options themselves are validated on start).
    /// </summary>
    public static DateTimeOffset FirstRunsAt(IConfiguration configuration) =>
        DateTimeOffset.UtcNow + (configuration.GetSection(SectionName).Get<JobStartOptions>()?.StartDelay ?? new JobStartOptions().StartDelay);
}
