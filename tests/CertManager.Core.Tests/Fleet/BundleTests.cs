using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Fleet;

/// <summary><see cref="BundleIssuer"/> on the edge and <see cref="BundleOpener"/> on the follower, over the real key stores.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task Open_BundleFromPinnedEdge_GivesEdgeCertificateChainAndMatchingKey()
    {
        var id = await _rig.PairAsync();
        var fingerprint = await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;

        var message = (await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", have: null, "127.0.0.1")).Value!;
        using var opened = BundleOpener.Open(message, following, "nonce-1").Value;

        Assert.Equal(fingerprint, opened.Fingerprint);
        Assert.Equal(_rig.Pki.IntermediatePem.Trim(), Assert.Single(opened.Chain).ExportCertificatePem().Trim());
        using var certificateKey = opened.Certificate.GetRSAPublicKey()!;
        Assert.Equal(certificateKey.ExportSubjectPublicKeyInfo(), opened.Key.ExportSubjectPublicKeyInfo());
        Assert.Equal(FollowerState.Updating, Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync()).State);
        var delivery = Assert.Single(await _rig.Edge.Get<EventRecorder>().ListRecentAsync(20), e => e.Message.StartsWith("Certificate and private key delivered", StringComparison.Ordinal));
        Assert.Equal(fingerprint, delivery.CertificateFingerprint);
    }

    [Fact]
    public async Task IssueAsync_FollowerHasCurrent_Nothing()
    {
        var id = await _rig.PairAsync();
        var fingerprint = await _rig.InstallOnEdgeAsync();

        var result = await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", fingerprint, "127.0.0.1");

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task IssueAsync_EdgePresentsSelfSignedDefault_Nothing()
    {
        var id = await _rig.PairAsync();

        Assert.Null((await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1")).Value);
    }

    [Fact]
    public async Task IssueAsync_RemovedFollower_Refused()
    {
        var id = await _rig.PairAsync();
        await _rig.InstallOnEdgeAsync();
        Assert.True((await _rig.Edge.Get<FollowerRegistry>().RemoveAsync(id, "alice")).Succeeded);

        var result = await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1");

        Assert.Equal("fleet.follower-unknown", Assert.Single(result.Problems).Code);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task Open_ByteFlipped_RefusedBySignature(double where)
    {
        var id = await _rig.PairAsync();
        await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var message = (await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1")).Value!;

        message[(int)(message.Length * where)] ^= 0x01;

        Assert.Equal("fleet.signature-invalid", Assert.Single(BundleOpener.Open(message, following, "nonce-1").Problems).Code);
    }

    [Fact]
    public async Task Open_SignedByAnotherKey_RefusedBySignature()
    {
        var id = await _rig.PairAsync();
        await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var genuine = (await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1")).Value!;
        var content = FleetSignedMessage.Verify(genuine, following.EdgeIdentityKey).Value;
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var resigned = FleetSignedMessage.Sign(content, impostor);

        Assert.Equal("fleet.signature-invalid", Assert.Single(BundleOpener.Open(resigned, following, "nonce-1").Problems).Code);
    }

    [Fact]
    public async Task Open_AnswerToAnotherRequest_RefusedAsReplay()
    {
        var id = await _rig.PairAsync();
        await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var earlier = (await _rig.Edge.Get<BundleIssuer>().IssueAsync(id, "nonce-1", null, "127.0.0.1")).Value!;

        Assert.Equal("fleet.bundle-not-for-us", Assert.Single(BundleOpener.Open(earlier, following, "nonce-2").Problems).Code);
    }

    [Fact]
    public async Task Open_EncryptedToAnotherFollower_Refused()
    {
        await _rig.PairAsync("app-1");
        await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var (other, response) = await _rig.RegisterAsync("app-2");
        other.Dispose();
        var forOther = (await _rig.Edge.Get<BundleIssuer>().IssueAsync(response.Value.FollowerId, "nonce-1", null, "127.0.0.1")).Value!;
        // Even relabelled and re-signed by the genuine edge, the envelope only opens with app-2's key.
        var manifest = JsonSerializer.Deserialize<BundleManifest>(FleetSignedMessage.Verify(forOther, following.EdgeIdentityKey).Value, FleetJson.Options)!;
        using var edgeKey = await _rig.Edge.Get<FleetIdentity>().LoadKeyAsync();
        var relabelled = FleetSignedMessage.Sign(JsonSerializer.SerializeToUtf8Bytes(manifest with { FollowerId = following.FollowerId }, FleetJson.Options), edgeKey);

        Assert.Equal("fleet.bundle-not-for-us", Assert.Single(BundleOpener.Open(relabelled, following, "nonce-1").Problems).Code);
    }

    [Fact]
    public async Task Open_SeveralBundlesWithOneFollowing_EachOpens()
    {
        var id = await _rig.PairAsync();
        var first = await _rig.InstallOnEdgeAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var issuer = _rig.Edge.Get<BundleIssuer>();
        using (var opened = BundleOpener.Open((await issuer.IssueAsync(id, "nonce-1", null, "127.0.0.1")).Value!, following, "nonce-1").Value)
        {
            Assert.Equal(first, opened.Fingerprint);
        }

        var second = await _rig.InstallOnEdgeAsync();

        // The follower's key, parsed once for the first envelope, opens the next; the edge's parsed key for it seals both.
        using var again = BundleOpener.Open((await issuer.IssueAsync(id, "nonce-2", first, "127.0.0.1")).Value!, following, "nonce-2").Value;
        Assert.Equal(second, again.Fingerprint);
        Assert.NotEqual(first, second);
        Assert.Equal(2, (await _rig.Edge.Get<EventRecorder>().ListRecentAsync(20)).Count(e => e.Message.StartsWith("Certificate and private key delivered", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetSignerAsync_Twice_SameSignerWhoseSignaturesVerifyAgainstThePinnedKey()
    {
        var identity = _rig.Edge.Get<FleetIdentity>();

        var signer = await identity.GetSignerAsync();

        Assert.Same(signer, await identity.GetSignerAsync());
        var signed = FleetSignedMessage.Sign("hello"u8, signer);
        Assert.Equal("hello"u8.ToArray(), FleetSignedMessage.Verify(signed, await identity.GetPublicKeyAsync()).Value);
    }
}
