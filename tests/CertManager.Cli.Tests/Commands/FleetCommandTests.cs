using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// An edge console and two follower consoles, real processes on loopback with their own data directories, paired and
/// driven by real certman runs (<c>fleet pair-code|list|remove</c>, <c>follow CODE|status</c>, <c>install</c>); a raw TLS
/// handshake with each follower's HTTPS port shows what it presents. One journey, so the consoles start once.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FleetCommandTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    /// <summary>From the install on the edge to a follower presenting it: a long poll answers at once, so seconds.</summary>
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(15);

    private static readonly Dictionary<string, string> ConsoleSettings = new()
    {
        ["CertManager__Fleet__PollInterval"] = "00:00:01",
        ["CertManager__Fleet__LongPollWait"] = "00:00:20",
    };

    /// <summary>certman names the host the certificates are for, as the consoles do.</summary>
    private static readonly Dictionary<string, string> CertmanSettings = new() { ["CertManager__HostName"] = "console.example.test" };

    private readonly TestPki _pki = new("Fleet");
    private readonly TempDirectory _edgeData = new("fleet-edge");
    private readonly TempDirectory _aData = new("fleet-follower-a");
    private readonly TempDirectory _bData = new("fleet-follower-b");
    private readonly TempDirectory _strayData = new("fleet-stray");

    private readonly Stopwatch _journey = Stopwatch.StartNew();

    /// <summary>Where the journey's time goes, in the test output.</summary>
    private void Step(string name) => output.WriteLine($"{_journey.Elapsed.TotalSeconds,6:F1} s  {name}");

    public void Dispose()
    {
        _pki.Dispose();
        _edgeData.Dispose();
        _aData.Dispose();
        _bData.Dispose();
        _strayData.Dispose();
    }

    [Fact]
    public async Task FleetAndFollow_EdgeWithTwoFollowers_DeliverRemoveCatchUpHoldAndRelease()
    {
        foreach (var data in new[] { _edgeData, _aData, _bData })
        {
            File.WriteAllText(data.File("trusted-roots.pem"), _pki.RootPem);
        }

        // A starts out presenting a certificate of its own that expires in 5 days.
        var (ownCertificate, ownKey) = _pki.IssueServerBy(_pki.Intermediate, "console.example.test", days: 5);
        var ownInstall = await Certman.RunWithEnvironmentAsync(_pki.Directory, CertmanSettings, "install", "--data-dir", _aData.Path, "--cert", ownCertificate, "--chain", _pki.IntermediatePath, "--key", ownKey, "--accept-warnings");
        Assert.True(ownInstall.ExitCode == 0, ownInstall.ToString());
        using var ownPem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(ownCertificate));
        var own = TlsProbe.Sha256Fingerprint(ownPem);

        var consoles = await Task.WhenAll(Start(_edgeData), Start(_aData), Start(_bData));
        Step("three consoles started");
        var (edge, b) = (consoles[0], consoles[2]);
        var a = consoles[1];
        try
        {
            // Pairing: one code per server; a used code is refused.
            var codes = await Task.WhenAll(PairCodeAsync(edge), PairCodeAsync(edge));
            var (codeA, codeB) = (codes[0], codes[1]);
            var followed = await Task.WhenAll(
                Certman.RunAsync(_aData.Path, "follow", codeA, "--data-dir", _aData.Path, "--name", "app-a", "--json"),
                Certman.RunAsync(_bData.Path, "follow", codeB, "--data-dir", _bData.Path, "--name", "app-b", "--json"));
            Assert.All(followed, run => Assert.True(run.ExitCode == 0, run.ToString()));
            var replayed = await Certman.RunAsync(_strayData.Path, "follow", codeA, "--data-dir", _strayData.Path, "--name", "stray", "--json");
            Assert.True(replayed.ExitCode == 2, replayed.ToString());
            Assert.Contains("fleet.code-used", replayed.StandardOutput, StringComparison.Ordinal);

            Step("paired");

            // A's signed report carries the expiry its HTTPS port presents, which the edge never had: the edge's expiry
            // check raises one MINOR event naming A.
            var presentingOwn = await WaitForListAsync(edge, list => list.Any(f => f.TryGetProperty("presentedFingerprint", out var presented) && presented.GetString() == own));
            Assert.Equal(
                new DateTimeOffset(ownPem.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                presentingOwn.Single(f => f.GetProperty("name").GetString() == "app-a").GetProperty("presentedNotAfter").GetDateTimeOffset());
            var expiring = await Certman.RunAsync(_edgeData.Path, "check-expiry", "--data-dir", _edgeData.Path, "--json");
            Assert.True(expiring.ExitCode == 0, expiring.ToString());
            using (var report = JsonDocument.Parse(expiring.StandardOutput))
            {
                var follower = Assert.Single(report.RootElement.GetProperty("followers").EnumerateArray());
                Assert.Equal(("app-a", "MINOR", own), (follower.GetProperty("name").GetString(), follower.GetProperty("level").GetString(), follower.GetProperty("sha256Fingerprint").GetString()));
                Assert.Equal(new DateTimeOffset(ownPem.NotAfter.ToUniversalTime(), TimeSpan.Zero), follower.GetProperty("notAfter").GetDateTimeOffset());
                Assert.Equal(1, report.RootElement.GetProperty("raised").GetInt32());
            }

            Step("the follower's own expiring certificate is an event on the edge");

            // An install on the edge reaches both followers' HTTPS ports without a restart.
            var first = await InstallOnEdgeAsync(_pki, "first");
            var clock = Stopwatch.StartNew();
            await WaitForPresentedAsync(a, first);
            await WaitForPresentedAsync(b, first);
            Assert.True(clock.Elapsed <= DeliveryLimit, $"The followers presented the certificate {clock.Elapsed.TotalSeconds:F1} s after the install.");
            var listed = await WaitForListAsync(edge, list => list.All(f => f.GetProperty("presentedFingerprint").GetString() == first && f.GetProperty("state").GetString() == "InSync"));
            Assert.Equal(["app-a", "app-b"], listed.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            // The edge shows how long each took, from the install there to the follower presenting it.
            Assert.All(listed, f => Assert.InRange(f.GetProperty("lastTakeSeconds").GetDouble(), 0, clock.Elapsed.TotalSeconds + 30));

            Step("first certificate delivered and reported");

            // A took the edge's certificate: its expiry event is resolved (by this check, or by the edge's own after the install).
            var taken = await Certman.RunAsync(_edgeData.Path, "check-expiry", "--data-dir", _edgeData.Path, "--json");
            using (var report = JsonDocument.Parse(taken.StandardOutput))
            {
                Assert.Empty(report.RootElement.GetProperty("followers").EnumerateArray());
            }

            var minor = await Certman.RunAsync(_edgeData.Path, "events", "--data-dir", _edgeData.Path, "--severity", "minor", "--json");
            using (var events = JsonDocument.Parse(minor.StandardOutput))
            {
                var resolved = Assert.Single(events.RootElement.EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith("Server 'app-a'", StringComparison.Ordinal));
                Assert.False(resolved.GetProperty("active").GetBoolean());
            }

            // B is removed and A goes offline; the next certificate reaches A when it is back, and never B.
            var idB = listed.Single(f => f.GetProperty("name").GetString() == "app-b").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await a.DisposeAsync();
            var removed = await Certman.RunAsync(_edgeData.Path, "fleet", "remove", idB, "--data-dir", _edgeData.Path);
            Assert.True(removed.ExitCode == 0, removed.ToString());
            var second = await InstallOnEdgeAsync(_pki, "second");
            a = await Start(_aData);
            await WaitForPresentedAsync(a, second);
            await WaitForConditionAsync(
                async () => (await Certman.RunAsync(_bData.Path, "follow", "status", "--data-dir", _bData.Path, "--json")).StandardOutput.Contains("no longer) paired", StringComparison.Ordinal),
                "the removed follower to report that the edge refuses it");
            Assert.Equal(first, await PresentedAsync(b));

            Step("removed follower left out, offline follower caught up");

            // A certificate A's own chain doctor does not accept (its root is not in A's trust store) is held, and the
            // edge shows why; A keeps presenting the one it had.
            using var otherPki = new TestPki("Other");
            File.AppendAllText(_edgeData.File("trusted-roots.pem"), otherPki.RootPem);
            var third = await InstallOnEdgeAsync(otherPki, "third");
            var held = await WaitForListAsync(edge, list => list.Any(f => f.GetProperty("state").GetString() == "Held"));
            var heldA = Assert.Single(held);
            Assert.Contains(heldA.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("chain.root-not-found", StringComparison.Ordinal));
            Assert.Equal(second, await PresentedAsync(a));
            Assert.NotEqual(third, second);
            Step("held and reported");

            // Once A's administrator trusts that root, the held certificate, offered again at the next poll, goes in.
            File.AppendAllText(_aData.File("trusted-roots.pem"), otherPki.RootPem);
            await WaitForPresentedAsync(a, third);
            await WaitForListAsync(edge, list => list.Single().GetProperty("state").GetString() == "InSync");
            Step("held certificate installed after the fix");

            // The edge is killed while A waits in a long poll (A is in sync, so it is always in one but for a moment
            // between polls), a certificate is installed meanwhile, and the edge comes back on the same address: A's
            // broken poll is retried until the edge answers, and the new certificate reaches it.
            var edgePort = edge.Port;
            var unreachableBefore = UnreachableEdgeWarnings(a);
            await edge.DisposeAsync();
            var fourth = await InstallOnEdgeAsync(_pki, "fourth");
            await WaitForConditionAsync(() => Task.FromResult(UnreachableEdgeWarnings(a) > unreachableBefore), "A to report that the edge is unreachable");
            edge = await ConsoleProcess.StartAsync(_edgeData.Path, environment: ConsoleSettings, port: edgePort);
            await WaitForPresentedAsync(a, fourth);
            await WaitForListAsync(edge, list => list.Single().GetProperty("presentedFingerprint").GetString() == fourth);
            Step("edge restarted during a long poll, follower caught up");
        }
        finally
        {
            await edge.DisposeAsync();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    private static int UnreachableEdgeWarnings(ConsoleProcess follower) =>
        follower.Output.Split('\n').Count(line => line.Contains("The proxy console could not be polled", StringComparison.Ordinal));

    private static Task<ConsoleProcess> Start(TempDirectory data) => ConsoleProcess.StartAsync(data.Path, environment: ConsoleSettings);

    private async Task<string> PairCodeAsync(ConsoleProcess edge)
    {
        var run = await Certman.RunAsync(_edgeData.Path, "fleet", "pair-code", "--data-dir", _edgeData.Path, "--address", edge.BaseAddress.AbsoluteUri, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        return json.RootElement.GetProperty("code").GetString()!;
    }

    private async Task<string> InstallOnEdgeAsync(TestPki pki, string name)
    {
        var (certificate, key) = pki.IssueServer("console.example.test");
        var run = await Certman.RunWithEnvironmentAsync(pki.Directory, CertmanSettings, "install", "--data-dir", _edgeData.Path, "--cert", certificate, "--chain", pki.IntermediatePath, "--key", key, "--accept-warnings");
        Assert.True(run.ExitCode == 0, $"{name}: {run}");
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificate));
        return TlsProbe.Sha256Fingerprint(pem);
    }

    private static async Task<string> PresentedAsync(ConsoleProcess console)
    {
        using var presented = await TlsProbe.GetPresentedCertificateAsync(console.Port);
        return TlsProbe.Sha256Fingerprint(presented);
    }

    private static Task WaitForPresentedAsync(ConsoleProcess console, string fingerprint) =>
        WaitForConditionAsync(async () => await PresentedAsync(console) == fingerprint, $"{console} to present {fingerprint}");

    private async Task<List<JsonElement>> WaitForListAsync(ConsoleProcess edge, Func<List<JsonElement>, bool> condition)
    {
        List<JsonElement> list = [];
        await WaitForConditionAsync(
            async () =>
            {
                var run = await Certman.RunAsync(_edgeData.Path, "fleet", "list", "--data-dir", _edgeData.Path, "--json");
                list = [.. JsonDocument.Parse(run.StandardOutput).RootElement.EnumerateArray()];
                return list.Count > 0 && condition(list);
            },
            $"the servers listed on {edge}");
        return list;
    }

    private static async Task WaitForConditionAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Waited 60 s for {what}.");
    }
}
