using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CertManager.LoadTest.Fleet;

/// <summary>The run's markdown: each part with the machine's load average, the results as ratios against the idle edge.</summary>
internal sealed class FleetReport
{
    private readonly StringBuilder _text = new();
    private readonly Stopwatch _run = Stopwatch.StartNew();

    public void Start(FleetLoadOptions options)
    {
        Line($"## Fleet load run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {(options.Smoke ? "smoke" : "full")}, {Environment.ProcessorCount} CPUs, load average at start {LoadAverage()})");
        Line();
        Line($"`FleetLoad {(options.Smoke ? "--smoke" : $"--followers {options.Followers} --window {options.Window.TotalSeconds:0}")}`: " +
            $"{options.Followers} followers, each long poll held up to {FleetLoadOptions.LongPollWait.TotalSeconds:0} s by the edge.");
    }

    public void Pairing(int followers, TimeSpan codes, TimeSpan keyEach, int keysMade, TimeSpan registration)
    {
        Line();
        Line($"### Pairing {followers} followers (load average: {LoadAverage()})");
        Line();
        Line("| Step | Seconds | ms per follower |");
        Line("|---|---:|---:|");
        Row("pairing codes issued by the edge's PairingService", codes, followers);
        Line($"| a follower's RSA 3072 key (made once by each real follower, on its own machine; {keysMade} made here and shared) | - | {F(keyEach.TotalMilliseconds)} |");
        Row("registrations (HMAC, signed proof checked against the pinned fingerprint; 16 at a time)", registration, followers);
    }

    public void Idle(double cpu, double rss)
    {
        Line();
        Line($"Idle edge (restarted, no follower connected; load average: {LoadAverage()}): {F(cpu)} CPU ms/s, RSS {F(rss)} MiB.");
    }

    public void Polling(int followers, TimeSpan caughtUp, double idleCpu, double idleRss, double oneRss, double cpu, double rss)
    {
        Line();
        Line($"### {followers} followers long-polling (load average: {LoadAverage()})");
        Line();
        Line($"The other {followers - 1} connected in waves of 50 and took the current certificate in {F(caughtUp.TotalSeconds)} s.");
        Line();
        Line("| | Idle edge | Edge, 1 follower | Edge, all long-polling | vs idle | per follower |");
        Line("|---|---:|---:|---:|---:|---:|");
        Line($"| CPU ms/s | {F(idleCpu)} | - | {F(cpu)} | **{Ratio(cpu, idleCpu)}** | {F((cpu - idleCpu) / followers, "0.000")} ms/s |");
        Line($"| RSS MiB | {F(idleRss)} | {F(oneRss)} | {F(rss)} | **{Ratio(rss, idleRss)}** | {F((rss - idleRss) * 1024 / followers)} KiB (after the first: {F((rss - oneRss) * 1024 / (followers - 1))} KiB) |");
    }

    public void Delivery(Delivery single, Delivery all, double idleCpu, FleetLoadOptions options)
    {
        Line();
        Line($"### From `certman install` on the edge to the last follower's bundle (load average: {LoadAverage()})");
        Line();
        Line("Times from the install (the moment certman's installer recorded in the version's provenance) to each follower's bundle: " +
            "**received** (the answer to its long poll had arrived; the bundle counts only if it then verified and opened) and " +
            "**opened** (signature checked against the pinned key, nonce, decryption, fingerprint: done by all simulated followers " +
            "in this one process, on the edge's cores, where real followers do it each on its own machine). The edge notices an " +
            "install by another process within 1 s (`ServerCertificateProvider.PollInterval`).");
        Line();
        Line("| Followers | certman install s | received p50 s | p95 s | last s | opened p50 s | last s | vs 1 follower (last received) | edge CPU ms, certman start to last | CPU ms per bundle above idle |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var d in new[] { single, all })
        {
            var aboveIdle = d.EdgeCpu.TotalMilliseconds - (idleCpu * d.Wall.TotalSeconds);
            Line($"| {d.Followers} | {F(d.Certman.TotalSeconds)} | {S(d.Received, 50)} | {S(d.Received, 95)} | **{S(d.Received, 100)}** | {S(d.Opened, 50)} | {S(d.Opened, 100)} " +
                $"| {Ratio(d.Received[^1].TotalSeconds, single.Received[^1].TotalSeconds)} | {F(d.EdgeCpu.TotalMilliseconds, "0")} | {F(aboveIdle / d.Followers)} |");
        }

        Line();
        var met = all.Received[^1] <= FleetLoadOptions.Goal;
        Line($"Goal (the last of {options.Followers} within {FleetLoadOptions.Goal.TotalSeconds:0} s): **{(met ? "met" : "not met")}** " +
            $"({F(all.Received[^1].TotalSeconds)} s to the last bundle received, {F(all.Opened[^1].TotalSeconds)} s to the last opened here).");
    }

    public void Finish(double rss, long failures)
    {
        using var self = Process.GetCurrentProcess();
        Line();
        Line($"Every follower shown in sync on the edge's list. Edge RSS at the end: {F(rss)} MiB. Failed follower requests: {failures}. " +
            $"The tool's own CPU time (followers and their TLS): {F(self.TotalProcessorTime.TotalSeconds)} s. Whole run: {_run.Elapsed.TotalSeconds:0} s.");
    }

    public string Text() => _text.ToString();

    private void Row(string step, TimeSpan time, int count) =>
        Line($"| {step} | {F(time.TotalSeconds)} | {F(time.TotalMilliseconds / count)} |");

    private void Line(string text = "")
    {
        _text.Append(text).Append('\n');
        if (text.Length > 0)
        {
            Console.Error.WriteLine(text);
        }
    }

    private static string S(IReadOnlyList<TimeSpan> latencies, double percentile) =>
        F(global::CertManager.LoadTest.Fleet.Delivery.Percentile(latencies, percentile).TotalSeconds);

    private static string Ratio(double a, double b) => b > 0 ? F(a / b) + "x" : "-";

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
