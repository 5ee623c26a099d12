namespace CertManager.LoadTest.Fleet;

/// <summary>
/// One install delivered: certman's own run time; each follower's time from the install (the moment the installer
/// recorded in the version's provenance) to the arrival of the bundle it then verified (<see cref="Received"/>) and to
/// the end of that verification and decryption (<see cref="Opened"/>), each sorted; and the edge's CPU time over
/// <see cref="Wall"/>, from certman's start to the last bundle.
/// </summary>
internal sealed record Delivery(string Fingerprint, int Followers, TimeSpan Certman, IReadOnlyList<TimeSpan> Received, IReadOnlyList<TimeSpan> Opened, TimeSpan EdgeCpu, TimeSpan Wall)
{
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> latencies, double p) =>
        latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
}
