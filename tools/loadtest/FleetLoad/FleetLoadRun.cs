using System.Diagnostics;
using System.Globalization;
using CertManager.Core.Fleet;
using CertManager.Testing;

namespace CertManager.LoadTest.Fleet;

/// <summary>
/// One run: the edge console (Release, its own data directory, loopback) pairs N simulated followers; restarted, it is
/// measured idle; one follower then takes an install alone (the reference delivery); the others connect and catch up;
/// the edge is measured with all N long-polling; a second install goes to all N, timed to the last verified bundle.
/// </summary>
internal sealed class FleetLoadRun(FleetLoadOptions options, FleetReport report) : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromMinutes(5);
    private const int EncryptionKeyPool = 8;
    private const int ConnectWave = 50;

    private readonly List<SimulatedFollower> _followers = [];
    private readonly List<Task> _polling = [];
    private readonly CancellationTokenSource _stop = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var pki = new TestPki("Fleet Load");
        using var data = new TempDirectory("certmanager-fleet-load");
        await File.WriteAllTextAsync(data.File("trusted-roots.pem"), pki.RootPem, cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["CertManager__Fleet__PairingAttemptsPerAddress"] = (options.Followers + 10).ToString(CultureInfo.InvariantCulture),
        };
        report.Start(options);
        await using var edgeSide = new EdgeSide(data.Path);
        var edge = await ConsoleProcess.StartAsync(data.Path, environment: environment);
        try
        {
            await PairAsync(edge, edgeSide, cancellationToken);

            // A fresh edge process, so that the pairing burst is not in its memory: the idle reference.
            var port = edge.Port;
            await edge.DisposeAsync();
            edge = await ConsoleProcess.StartAsync(data.Path, environment: environment, port: port);
            using var meter = new ProcessMeter(edge.ProcessId);
            // A console's first seconds still compile code and run its start-up jobs: measured that early, "idle" came
            // out busier than 500 followers long-polling.
            await Task.Delay(options.Smoke ? Settle : IdleSettle, cancellationToken);
            var idleCpu = await meter.CpuMillisecondsPerSecondAsync(options.Window, cancellationToken);
            var idleRss = meter.RssMiB;
            report.Idle(idleCpu, idleRss);

            // The reference delivery: one follower, one install.
            Connect(0, 1);
            await WaitAsync("the first follower's long poll", () => _followers[0].PollsSent > 0, ConnectLimit, cancellationToken);
            await Task.Delay(Settle, cancellationToken);
            var first = pki.IssueServer(EdgeSide.HostName);
            var single = await DeliverAsync(edgeSide, pki, first, _followers.Take(1).ToList(), meter, cancellationToken);
            var oneRss = meter.RssMiB;

            // The others connect in waves (real followers start at different times) and catch up; then all N hold a
            // long poll open on a kept-alive connection.
            var connecting = Stopwatch.StartNew();
            for (var from = 1; from < options.Followers; from += ConnectWave)
            {
                var wave = _followers.Skip(from).Take(ConnectWave).ToList();
                Connect(from, Math.Min(from + ConnectWave, options.Followers));
                await WaitAsync("every follower taking the current certificate", () => wave.All(f => f.Seen == single.Fingerprint), ConnectLimit, cancellationToken);
            }

            var caughtUp = connecting.Elapsed;
            await WaitAsync("every follower polling again", () => _followers.All(f => f.PollsSent >= 2), ConnectLimit, cancellationToken);
            await Task.Delay(Settle, cancellationToken);
            var pollingCpu = await meter.CpuMillisecondsPerSecondAsync(options.Window, cancellationToken);
            var pollingRss = meter.RssMiB;
            report.Polling(options.Followers, caughtUp, idleCpu, idleRss, oneRss, pollingCpu, pollingRss);

            var second = pki.IssueServer(EdgeSide.HostName);
            var all = await DeliverAsync(edgeSide, pki, second, _followers, meter, cancellationToken);
            report.Delivery(single, all, idleCpu, options);
            await WaitAsync(
                "the edge's list showing every follower in sync",
                () => InSyncAsync(edgeSide, all.Fingerprint, cancellationToken),
                TimeSpan.FromSeconds(60),
                cancellationToken);
            report.Finish(meter.RssMiB, _followers.Sum(f => f.Failures));
        }
        catch (LoadTestException exception)
        {
            var problems = _followers.Where(f => f.LastProblem is not null).Select(f => $"{f.Name}: {f.LastProblem}").Take(5);
            throw new LoadTestException($"{exception.Message}\nFollowers: {_followers.Count}, failed requests {_followers.Sum(f => f.Failures)}; " +
                $"last problems: {string.Join("; ", problems)}\n--- edge console output (end) ---\n{Tail(edge.Output)}");
        }
        finally
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_polling);
            _followers.ForEach(f => f.Dispose());
            await edge.DisposeAsync();
        }
    }

    public void Dispose() => _stop.Dispose();

    private async Task PairAsync(ConsoleProcess edge, EdgeSide edgeSide, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var codes = await edgeSide.PairingCodesAsync(edge.BaseAddress, options.Followers, cancellationToken);
        var issued = clock.Elapsed;

        // A real follower makes its RSA 3072 key once, when it pairs; timed here on a pool the simulated followers share.
        clock.Restart();
        var pool = new byte[options.Smoke ? 2 : EncryptionKeyPool][];
        Parallel.For(0, pool.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            using var key = FleetKeys.NewEncryptionKey();
            pool[i] = key.ExportPkcs8PrivateKey();
        });
        var keys = clock.Elapsed / pool.Length * Environment.ProcessorCount;
        var prepared = codes.Select((code, i) => SimulatedFollower.Prepare(code, $"app-{i:D3}", pool[i % pool.Length])).ToList();
        Array.ForEach(pool, key => System.Security.Cryptography.CryptographicOperations.ZeroMemory(key));

        clock.Restart();
        using var gate = new SemaphoreSlim(16);
        var registered = await Task.WhenAll(prepared.Select(async p =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await SimulatedFollower.RegisterAsync(p, FleetLoadOptions.LongPollWait, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        _followers.AddRange(registered);
        report.Pairing(options.Followers, issued, keys, pool.Length, clock.Elapsed);
    }

    private void Connect(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var follower = _followers[i];
            _polling.Add(Task.Run(() => follower.RunAsync(_stop.Token)));
        }
    }

    private async Task<Delivery> DeliverAsync(EdgeSide edgeSide, TestPki pki, (string Certificate, string Key) leaf, List<SimulatedFollower> to, ProcessMeter meter, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(leaf.Certificate);
        var cpu = meter.CpuTime;
        var clock = Stopwatch.StartNew();
        var certman = await edgeSide.InstallAsync(pki, leaf.Certificate, leaf.Key, cancellationToken);
        while (to.Any(f => f.Seen != fingerprint) && clock.Elapsed < options.DeliveryLimit)
        {
            await Task.Delay(10, cancellationToken);
        }

        var edgeCpu = meter.CpuTime - cpu;
        var wall = clock.Elapsed;
        var late = to.Where(f => f.Seen != fingerprint).ToList();
        if (late.Count > 0)
        {
            throw new LoadTestException($"{late.Count} of {to.Count} followers did not receive the bundle within {options.DeliveryLimit.TotalSeconds:0} s of the install " +
                $"(e.g. {late[0].Name}: {late[0].LastProblem ?? "no problem reported"}).");
        }

        var installed = edgeSide.InstalledAt();
        var received = to.Select(f => f.ReceivedAt - installed).Order().ToList();
        var opened = to.Select(f => f.SeenAt - installed).Order().ToList();
        return new Delivery(fingerprint, to.Count, certman, received, opened, edgeCpu, wall);
    }

    private async Task<bool> InSyncAsync(EdgeSide edgeSide, string fingerprint, CancellationToken cancellationToken)
    {
        var followers = await edgeSide.FollowersAsync(cancellationToken);
        return followers.Count == options.Followers
            && followers.All(f => f.State == FollowerState.InSync && string.Equals(f.PresentedFingerprint, fingerprint, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task WaitAsync(string what, Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken) =>
        await WaitAsync(what, () => Task.FromResult(condition()), limit, cancellationToken);

    private static async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new LoadTestException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static string Fingerprint(string certificatePath)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        return BundleIssuer.Fingerprint(certificate);
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}
