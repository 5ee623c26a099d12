namespace CertManager.LoadTest.Fleet;

/// <summary>
/// One install delivered: certman's own run time; each follower's time from the install (the moment the installer
/// recorded in the version's provenance) to its verified bundle, sorted; and the edge's CPU time over
/// <see cref="Wall"/>, from certman's start to the last bundle.
/// </summary>
internal sealed record Delivery(string Fingerprint, int Followers, TimeSpan Certman, IReadOnlyList<TimeSpan> Latencies, TimeSpan EdgeCpu, TimeSpan Wall)
{
    public TimeSpan ToLast => Latencies[^1];

    public TimeSpan Percentile(double p) => Latencies[Math.Clamp((int)Math.Ceiling(p / 100 * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}
