using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Fleet;

[UnsupportedOSPlatform("windows")]
public sealed class PairingServiceTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task IssueAsync_Code_CarriesEdgeAddressAndIdentityFingerprint()
    {
        var issued = await _rig.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "alice");

        var code = PairingCode.Parse(issued.Code).Value;
        Assert.Equal(FleetRig.EdgeUrl, code.EdgeUrl);
        Assert.Equal(SHA256.HashData(await _rig.Edge.Get<FleetIdentity>().GetPublicKeyAsync()), code.IdentityFingerprint);
        Assert.Equal(_rig.Edge.Time.GetUtcNow().AddMinutes(15), issued.Expires);
        Assert.Equal(await _rig.Edge.Get<FleetIdentity>().GetFingerprintAsync(), issued.IdentityFingerprint);
    }

    [Fact]
    public async Task RegisterAndComplete_ValidCode_FollowerListedOnEdgeAndEdgePinnedOnFollower()
    {
        var id = await _rig.PairAsync("app-1");

        var follower = Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync());
        Assert.Equal((id, "app-1", FollowerState.New, "127.0.0.1"), (follower.Id, follower.Name, follower.State, follower.LastAddress));
        var following = await _rig.Follower.Get<FollowingStore>().GetAsync();
        Assert.NotNull(following);
        Assert.Equal(FleetRig.EdgeUrl, following.EdgeUrl);
        Assert.Equal(await _rig.Edge.Get<FleetIdentity>().GetFingerprintAsync(), following.EdgeIdentityFingerprint);
        Assert.Contains(await _rig.Edge.Get<EventRecorder>().ListRecentAsync(10), e => e.Source == EventSources.Fleet && e.Message.StartsWith("Server 'app-1'", StringComparison.Ordinal));
        Assert.Contains(await _rig.Follower.Get<EventRecorder>().ListRecentAsync(10), e => e.Source == EventSources.Fleet && e.Message.Contains("now follows the proxy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisterAsync_ReplayedRegistration_RefusedAsUsed()
    {
        var (pairing, first) = await _rig.RegisterAsync();
        using (pairing)
        {
            Assert.True(first.Succeeded);

            var replay = await _rig.Edge.Get<PairingService>().RegisterAsync(pairing.Request, "127.0.0.2");

            Assert.Equal("fleet.code-used", Assert.Single(replay.Problems).Code);
            Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync());
        }
    }

    [Fact]
    public async Task RegisterAsync_AfterFifteenMinutes_RefusedAsExpired()
    {
        var code = await _rig.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "alice");
        using var pairing = FollowerPairing.Prepare(code.Code, "app-1").Value;
        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(15));

        var result = await _rig.Edge.Get<PairingService>().RegisterAsync(pairing.Request, "127.0.0.1");

        Assert.Equal("fleet.code-expired", Assert.Single(result.Problems).Code);
        Assert.Empty(await _rig.Edge.Get<FollowerRegistry>().ListAsync());
    }

    [Fact]
    public async Task RegisterAsync_KeysSwappedAfterTheMac_RefusedAndCodeStillUsable()
    {
        var code = await _rig.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "alice");
        using var pairing = FollowerPairing.Prepare(code.Code, "app-1").Value;
        using var intruder = FollowerPairing.Prepare(code.Code, "app-1").Value;

        var swapped = await _rig.Edge.Get<PairingService>().RegisterAsync(pairing.Request with { EncryptionKey = intruder.Request.EncryptionKey }, "127.0.0.9");
        var genuine = await _rig.Edge.Get<PairingService>().RegisterAsync(pairing.Request, "127.0.0.1");

        Assert.Equal("fleet.code-unknown", Assert.Single(swapped.Problems).Code);
        Assert.True(genuine.Succeeded);
    }

    [Fact]
    public async Task RegisterAsync_SecretGuessed_Refused()
    {
        var code = PairingCode.Parse((await _rig.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "alice")).Code).Value;
        var guessed = code with { Secret = RandomNumberGenerator.GetBytes(32) };
        using var pairing = FollowerPairing.Prepare(guessed.Format(), "app-1").Value;

        var result = await _rig.Edge.Get<PairingService>().RegisterAsync(pairing.Request, "127.0.0.1");

        Assert.Equal("fleet.code-unknown", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public async Task CompleteAsync_AnswerFromAnotherEdge_RefusedAndNothingKept()
    {
        using var other = new FleetRig();
        var code = await _rig.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "alice");
        using var pairing = FollowerPairing.Prepare(code.Code, "app-1").Value;
        // Someone else's console answers with its own (valid) identity and proof.
        var otherCode = PairingCode.Parse((await other.Edge.Get<PairingService>().IssueAsync(FleetRig.EdgeUrl, "mallory")).Code).Value;
        using var relayed = FollowerPairing.Prepare(new PairingCode(FleetRig.EdgeUrl, otherCode.IdentityFingerprint, otherCode.PublicId, otherCode.Secret).Format(), "app-1").Value;
        var foreign = await other.Edge.Get<PairingService>().RegisterAsync(relayed.Request, "127.0.0.1");

        var result = await _rig.Follower.Get<FollowerPairing>().CompleteAsync(pairing, foreign.Value, "bob");

        Assert.Equal("fleet.identity-mismatch", Assert.Single(result.Problems).Code);
        Assert.Null(await _rig.Follower.Get<FollowingStore>().GetAsync());
    }

    [Fact]
    public async Task CompleteAsync_ProofForAnotherRegistration_Refused()
    {
        var (first, firstResponse) = await _rig.RegisterAsync("app-1");
        var (second, _) = await _rig.RegisterAsync("app-2");
        using (first)
        using (second)
        {
            // The pinned edge's genuine proof, but for the other registration.
            var result = await _rig.Follower.Get<FollowerPairing>().CompleteAsync(second, firstResponse.Value, "bob");

            Assert.Equal("fleet.signature-invalid", Assert.Single(result.Problems).Code);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("CMF1.")]
    [InlineData("CMF1.bm90IGpzb24")]
    [InlineData("https://edge.example.test/")]
    public void Prepare_NotACode_Malformed(string text) =>
        Assert.Equal("fleet.code-malformed", Assert.Single(FollowerPairing.Prepare(text, "app-1").Problems).Code);

    [Fact]
    public async Task StopAsync_Following_ForgetsEdge()
    {
        await _rig.PairAsync();

        var stopped = await _rig.Follower.Get<FollowerPairing>().StopAsync("bob");

        Assert.True(stopped.Succeeded);
        Assert.Null(await _rig.Follower.Get<FollowingStore>().GetAsync());
        Assert.Equal("fleet.not-following", Assert.Single((await _rig.Follower.Get<FollowerPairing>().StopAsync("bob")).Problems).Code);
    }
}
