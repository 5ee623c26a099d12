using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Jobs;

/// <summary>Refuses scheduler settings that would make failover slow, flapping or ambiguous, naming the key and a workable value.</summary>
internal sealed partial class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestCheckin = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!InstanceIdPattern().IsMatch(options.InstanceId))
        {
            failures.Add($"CertManager:Scheduler:InstanceId '{options.InstanceId}' is not usable: leave it at '{SchedulerOptions.AutoInstanceId}' or give each node a different name of up to 100 letters, digits, '.', '_' or '-'.");
        }

        Check(failures, nameof(SchedulerOptions.CheckinInterval), options.CheckinInterval, LongestCheckin, "how often a node says it is alive");
        Check(failures, nameof(SchedulerOptions.CheckinMisfireThreshold), options.CheckinMisfireThreshold, LongestCheckin, "how long the other nodes wait for a missed check-in");
        Check(failures, nameof(SchedulerOptions.MisfireThreshold), options.MisfireThreshold, TimeSpan.FromHours(1), "how late a trigger may fire");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan longest, string meaning)
    {
        if (value < Shortest || value > longest)
        {
            failures.Add($"CertManager:Scheduler:{key} ({meaning}) is {value}; give a value from {Shortest} to {longest}, e.g. 00:00:05.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex InstanceIdPattern();
}
