using System.Globalization;
using System.Text.RegularExpressions;

namespace CertManager.Web.Tests.Jobs;

/// <summary>One line of the console's job-run log (event 2602, Debug): which node ran which firing of which job.</summary>
internal sealed partial record JobRun(string Job, string Node, string Trigger, DateTimeOffset ScheduledFireTime, bool Recovering)
{
    /// <summary>The runs in a console's output, in the order they were written.</summary>
    public static IReadOnlyList<JobRun> Parse(string output) =>
        Line().Matches(output)
            .Select(m => new JobRun(
                m.Groups["job"].Value,
                m.Groups["node"].Value,
                m.Groups["trigger"].Value,
                DateTimeOffset.Parse(m.Groups["due"].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                bool.Parse(m.Groups["recovering"].Value)))
            .ToList();

    [GeneratedRegex(@"Job (?<job>\S+) ran on scheduler node (?<node>\S+) for trigger (?<trigger>\S+) due at (?<due>\S+) \(recovering: (?<recovering>\w+)\)")]
    private static partial Regex Line();
}
