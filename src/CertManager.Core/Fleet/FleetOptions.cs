using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Fleet;

/// <summary>Settings of the fleet: how long pairing codes live, and how followers poll.</summary>
public sealed class FleetOptions
{
    public const string SectionName = "CertManager:Fleet";

    /// <summary>How long a pairing code may be redeemed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan PairingCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// On the edge: pairing attempts accepted from one client address per 15 minutes (a code lives 15 minutes and pairs
    /// one server). Raise it only to pair many servers behind one address (NAT) at once.
    /// </summary>
    [Range(1, 100_000)]
    public int PairingAttemptsPerAddress { get; set; } = 10;

    /// <summary>A follower's time between polls, before jitter; 1 second at least (tests), 5 minutes by default.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the edge holds a poll open waiting for a new certificate (long poll).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>
    /// On the edge: a follower not heard from for this long, or not in sync this long after a certificate was delivered
    /// to it, is behind, and a WARNING event (and so an alert) is raised until it catches up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan BehindAfter { get; set; } = TimeSpan.FromMinutes(30);
}
