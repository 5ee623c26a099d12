using System.ComponentModel.DataAnnotations;

namespace CertManager.Scep;

/// <summary>
/// How a PENDING enrollment is polled (configuration section <see cref="SectionName"/>): the first CertPoll after
/// <see cref="FirstPollSeconds"/>, then each wait doubles up to <see cref="MaxIntervalSeconds"/>, and after
/// <see cref="MaxAgeHours"/> without a final answer the transaction is given up. RFC 8894 §3.3.3 leaves the polling
/// schedule to the client; exponential back-off keeps a CA whose administrator approves once a day from being asked
/// every minute.
/// </summary>
public sealed class ScepPollingOptions
{
    public const string SectionName = "CertManager:Scep:Polling";

    /// <summary>How often the console looks for transactions whose poll is due.</summary>
    [Range(5, 3600)]
    public int CheckIntervalSeconds { get; set; } = 30;

    /// <summary>The wait before the first CertPoll.</summary>
    [Range(10, 86400)]
    public int FirstPollSeconds { get; set; } = 60;

    /// <summary>The longest wait between two CertPolls.</summary>
    [Range(10, 86400)]
    public int MaxIntervalSeconds { get; set; } = 3600;

    /// <summary>
    /// How long after the request the transaction is given up (Failed). At most 720 hours, the validity of the
    /// transient certificate every CertPoll is signed under.
    /// </summary>
    [Range(1, 720)]
    public int MaxAgeHours { get; set; } = 168;

    /// <summary>The wait before the next poll after <paramref name="attempts"/> polls: first, doubling, capped.</summary>
    public TimeSpan Delay(int attempts)
    {
        var seconds = FirstPollSeconds * Math.Pow(2, Math.Min(attempts, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxIntervalSeconds));
    }
}
