using System.Diagnostics;
using CertManager.FaultInjection.Tests.Support;
using CertManager.Testing;
using Xunit.Abstractions;

namespace CertManager.FaultInjection.Tests;

/// <summary>
/// SIGKILL at random moments: rounds of five certman commands (install, uninstall, activate, csr, scep enroll,
/// check-expiry) against the running console's data directory, each killed at a random point of its run, and every
/// eighth round the console too, restarted at once. After every round: the console presents exactly the certificate the
/// active pointer names, with its key (the TLS handshake proves possession) and its chain, and that version is the one
/// before the round or one the round wrote or chose; the database opens and passes SQLite's check; anything half-written
/// belongs to a killed process and is gone once a console or certman starts. At the end every queued alert reached the
/// real SMTP server once. The seed is printed; CERTMAN_FAULT_SEED=N replays a run.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int RequiredKills = 200;
    private const int ParallelCommands = 5;
    private const int ConsoleKillEvery = 8;

    /// <summary>Kills land within this time of a start at most, so that a slow machine still finishes within minutes.</summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Kill_CertmanAndConsoleAtRandomMoments_PresentedCertificateDatabaseAndAlertsStayConsistent()
    {
        var seed = Environment.GetEnvironmentVariable("CERTMAN_FAULT_SEED") is { Length: > 0 } given
            ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"Fault-injection seed {seed} (replay: CERTMAN_FAULT_SEED={seed})");
        var random = new Random(seed);
        await using var rig = await FaultRig.StartAsync();
        var window = await CalibrateAsync(rig);
        var killed = new HashSet<int>();
        var ambiguous = new HashSet<long>();
        var (kills, consoleKills, rounds) = (0, 0, 0);
        var clock = Stopwatch.StartNew();
        while (kills < RequiredKills)
        {
            rounds++;
            var context = $"seed {seed}, round {rounds}";
            var activeBefore = rig.Inspector.ActiveVersion();
            var versionsBefore = rig.Inspector.Versions();
            var consoleDies = rounds % ConsoleKillEvery == 0;
            var plan = Enumerable.Range(0, ParallelCommands).Select(_ => rig.Pick(random)).ToList();
            if (consoleDies)
            {
                // An install that completes: the console checks the new 10-day certificate, queues its WARNING alert and
                // sends it within about three seconds, the time in which it is killed.
                var (kind, arguments) = rig.Install(random);
                AssertCleanExit(await KillableRun.Start(rig.WorkDirectory, rig.Environment, arguments, TimeSpan.FromMinutes(2)).FinishAsync(), context);
                plan.Add((kind, arguments));
            }

            var runs = plan.Take(ParallelCommands).Select(step => KillableRun.Start(rig.WorkDirectory, rig.Environment, step.Arguments, window * (0.05 + (random.NextDouble() * 0.95)))).ToList();
            if (consoleDies)
            {
                await Task.Delay(TimeSpan.FromSeconds(3) * random.NextDouble());
                await rig.KillConsoleAsync();
                consoleKills++;
                kills++;
                ambiguous.UnionWith(DeliveredButNotRecorded(rig));
            }

            foreach (var outcome in await Task.WhenAll(runs.Select(r => r.FinishAsync())))
            {
                if (outcome.Killed)
                {
                    kills++;
                    killed.Add(outcome.Pid);
                }
                else
                {
                    AssertCleanExit(outcome, context);
                }
            }

            if (consoleDies)
            {
                await rig.RestartConsoleAsync();
                // The console's start removed what killed writers left.
                Assert.True(rig.Inspector.Leftovers().Count == 0, $"{context}: left after the console's restart: {string.Join(", ", rig.Inspector.Leftovers())}");
            }

            var allowed = new HashSet<string>(rig.Inspector.Versions().Except(versionsBefore), StringComparer.Ordinal) { activeBefore };
            allowed.UnionWith(plan.Where(p => p.Kind == "uninstall").Select(_ => DataDirectoryInspector.DefaultVersion));
            allowed.UnionWith(plan.Where(p => p.Kind == "activate").Select(p => p.Arguments[1]));
            await AssertConsistentAsync(rig, allowed, killed, context);
        }

        // A command that runs to the end sweeps on start: nothing half-written stays.
        var last = await KillableRun.Start(rig.WorkDirectory, rig.Environment, ["versions", "--data-dir", rig.DataDirectory], TimeSpan.FromMinutes(2)).FinishAsync();
        AssertCleanExit(last, $"seed {seed}, final");
        Assert.Empty(rig.Inspector.Leftovers());
        var mails = await AssertEveryAlertDeliveredOnceAsync(rig, ambiguous, seed);
        output.WriteLine($"{kills} kills ({consoleKills} of the console) in {rounds} rounds, {clock.Elapsed.TotalSeconds:0} s; {mails} alerts delivered, {ambiguous.Count} of them in flight at a console kill; kill window {window.TotalMilliseconds:0} ms");
    }

    /// <summary>How long one install runs here, to spread the kills over whole runs of the commands.</summary>
    private static async Task<TimeSpan> CalibrateAsync(FaultRig rig)
    {
        var clock = Stopwatch.StartNew();
        var (_, arguments) = rig.Pick(new Random(0));
        var outcome = await KillableRun.Start(rig.WorkDirectory, rig.Environment, arguments, TimeSpan.FromMinutes(2)).FinishAsync();
        AssertCleanExit(outcome, "calibration");
        return clock.Elapsed < LongestWindow ? clock.Elapsed : LongestWindow;
    }

    private static void AssertCleanExit(KillableRun.Outcome outcome, string context)
    {
        // 0 done; 2 refused as invalid (nothing to uninstall, a version another command replaced); 1 only for a SCEP
        // enrollment the chain doctor refused, as it must: scepserver issues clientAuth-only certificates. Never a crash
        // or an unusable directory.
        var refusedByDoctor = outcome.ExitCode == 1 && outcome.StandardError.Contains("error server.no-server-auth", StringComparison.Ordinal);
        Assert.True((outcome.ExitCode is 0 or 2 || refusedByDoctor) && !outcome.StandardError.Contains("Unhandled exception", StringComparison.Ordinal), $"{context}: {outcome}");
    }

    private static async Task AssertConsistentAsync(FaultRig rig, HashSet<string> allowed, HashSet<int> killed, string context)
    {
        Assert.Equal("ok", rig.Inspector.CheckDatabase());
        var active = rig.Inspector.ActiveVersion();
        Assert.True(allowed.Contains(active), $"{context}: the pointer names {active}, which is neither the version before the round nor one it wrote or chose ({string.Join(", ", allowed)}).");
        var expected = rig.Inspector.Fingerprint(active);
        var presented = await WaitForPresentedAsync(rig.Console.Port, expected);
        Assert.True(presented == expected, $"{context}: the console presents {presented}, the pointer names {active} ({expected}).\n{rig.Console.Output[^Math.Min(3000, rig.Console.Output.Length)..]}");
        var sent = TlsProbe.GetPresentedChainWithOpenSsl(rig.Console.Port).Select(TlsProbe.Sha256Fingerprint).ToList();
        Assert.Equal([expected, .. rig.Inspector.ChainFingerprints(active)], sent);
        foreach (var (path, writer) in rig.Inspector.Leftovers())
        {
            Assert.True(writer is { } pid && killed.Contains(pid), $"{context}: {path} was left by a process that was not killed.");
        }
    }

    /// <summary>Handshakes until the console presents <paramref name="expected"/> (it polls the pointer every second) or the limit passes.</summary>
    private static async Task<string> WaitForPresentedAsync(int port, string expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var certificate = await TlsProbe.GetPresentedCertificateAsync(port);
            var presented = TlsProbe.Sha256Fingerprint(certificate);
            if (presented == expected || clock.Elapsed > SettleLimit)
            {
                return presented;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Alerts the SMTP server had accepted when the console died but the outbox had not recorded yet: SMTP cannot say
    /// whether a mail arrived, so these (and only these) are sent again after the restart, with the same Message-ID.
    /// </summary>
    private static List<long> DeliveredButNotRecorded(FaultRig rig)
    {
        var received = rig.Smtp.Messages().Select(DataDirectoryInspector.OutboxIdOf).OfType<long>().ToHashSet();
        return rig.Inspector.Outbox().Where(row => !row.Value && received.Contains(row.Key)).Select(row => row.Key).ToList();
    }

    private static async Task<int> AssertEveryAlertDeliveredOnceAsync(FaultRig rig, HashSet<long> ambiguous, int seed)
    {
        var clock = Stopwatch.StartNew();
        while (rig.Inspector.Outbox().Values.Any(sent => !sent) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        var outbox = rig.Inspector.Outbox();
        Assert.True(outbox.Count > 0, $"seed {seed}: no alert was queued, so alert delivery was not exercised.");
        Assert.True(outbox.Values.All(sent => sent), $"seed {seed}: {outbox.Count(r => !r.Value)} queued alert(s) never delivered.");
        var mails = (await rig.Smtp.WaitForMessagesAsync(outbox.Count)).Select(DataDirectoryInspector.OutboxIdOf).ToList();
        Assert.DoesNotContain(null, mails);
        foreach (var id in outbox.Keys)
        {
            var copies = mails.Count(m => m == id);
            Assert.True(copies == 1 || (copies == 2 && ambiguous.Contains(id)), $"seed {seed}: alert {id} arrived {copies} times.");
        }

        return outbox.Count;
    }
}
