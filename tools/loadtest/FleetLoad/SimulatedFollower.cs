using CertManager.Core.Fleet;

namespace CertManager.LoadTest.Fleet;

/// <summary>
/// One follower as the edge sees it, without a console of its own: the follower's classes from Core make its keys and
/// registration (<see cref="FollowerPairing"/>), check the edge's signed answer against the pinned fingerprint, sign
/// every request and long-poll (<see cref="EdgeClient"/>), and verify and decrypt each bundle (<see cref="BundleOpener"/>)
/// before reporting back, as <see cref="FollowerSync"/> does. What a real follower does next with the bundle (its own
/// chain doctor and install) costs the follower, not the edge, and is left out.
/// </summary>
internal sealed class SimulatedFollower : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly Following _following;
    private readonly EdgeClient _client;
    private readonly TimeSpan _wait;
    private long _pollsSent;
    private long _failures;

    private SimulatedFollower(Following following, EdgeClient client, TimeSpan wait)
    {
        _following = following;
        _client = client;
        _wait = wait;
    }

    public string Name { get; private init; } = string.Empty;

    /// <summary>The fingerprint of the last bundle this follower verified and opened.</summary>
    public string? Seen { get; private set; }

    /// <summary>When the bundle <see cref="Seen"/> was verified and opened.</summary>
    public DateTimeOffset SeenAt { get; private set; }

    /// <summary>
    /// When the bundle <see cref="Seen"/> had arrived, before it was verified and opened: the followers' own work (an
    /// ECDSA verification and an RSA decryption each) runs here in one process on the edge's cores, where real
    /// followers do it on their own machines.
    /// </summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public long PollsSent => Interlocked.Read(ref _pollsSent);

    public long Failures => Interlocked.Read(ref _failures);

    public string? LastProblem { get; private set; }

    /// <summary>
    /// Makes a fresh request-signing key and the registration. The RSA key that bundles are encrypted to comes from
    /// <paramref name="encryptionKeyPkcs8"/>: simulated followers share a few (a real one makes its own, once, when it
    /// pairs), which costs the edge exactly the same.
    /// </summary>
    public static PreparedPairing Prepare(string code, string name, byte[] encryptionKeyPkcs8)
    {
        var prepared = FollowerPairing.Prepare(code, name, FleetKeys.NewSigningKey, () => FleetKeys.ImportEncryptionKey(encryptionKeyPkcs8));
        return prepared.Succeeded ? prepared.Value : throw new LoadTestException($"{name}: {prepared.Problems[0].Message}");
    }

    /// <summary>Registers with the edge and checks its signed answer, as <c>certman follow CODE</c> does.</summary>
    public static async Task<SimulatedFollower> RegisterAsync(PreparedPairing prepared, TimeSpan wait, CancellationToken cancellationToken)
    {
        var client = new EdgeClient(TimeProvider.System);
        try
        {
            var response = await client.RegisterAsync(prepared.Code.EdgeUrl, prepared.Request, cancellationToken);
            if (!response.Succeeded)
            {
                throw new LoadTestException($"{prepared.Request.Name}: the edge refused the registration: {response.Problems[0].Message}");
            }

            var checkedResponse = FollowerPairing.CheckResponse(prepared, response.Value);
            if (!checkedResponse.Succeeded)
            {
                throw new LoadTestException($"{prepared.Request.Name}: the edge's answer was refused: {checkedResponse.Problems[0].Message}");
            }

            var following = new Following(prepared.Code.EdgeUrl, response.Value.IdentityKey, response.Value.FollowerId, prepared.SigningKey, prepared.EncryptionKey);
            return new SimulatedFollower(following, client, wait) { Name = prepared.Request.Name };
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Long-polls until cancelled; each bundle is verified, opened and reported, as a follower does.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollUntilCancelledAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task PollUntilCancelledAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _pollsSent);
            var poll = await _client.PollAsync(_following, Seen, _wait, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (!poll.Succeeded)
            {
                Fail(poll.Problems[0].Message);
                await DelayAsync(cancellationToken);
                continue;
            }

            if (poll.Value.Bundle is not { } bundle)
            {
                continue;
            }

            var received = TimeProvider.System.GetUtcNow();

            var opened = BundleOpener.Open(bundle, _following, poll.Value.Nonce);
            if (!opened.Succeeded)
            {
                Fail($"bundle refused: {opened.Problems[0].Message}");
                continue;
            }

            using (var verified = opened.Value)
            {
                SeenAt = TimeProvider.System.GetUtcNow();
                ReceivedAt = received;
                Seen = verified.Fingerprint;
            }

            var report = await _client.ReportAsync(_following, new FollowerReport(Seen, Seen, FollowerState.InSync, []), cancellationToken);
            if (!report.Succeeded && !cancellationToken.IsCancellationRequested)
            {
                Fail($"report refused: {report.Problems[0].Message}");
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _following.Dispose();
    }

    private void Fail(string problem)
    {
        Interlocked.Increment(ref _failures);
        LastProblem = problem;
    }

    private static async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryAfterFailure, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
