using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Fleet;

[UnsupportedOSPlatform("windows")]
public sealed class FleetRequestAuthenticatorTests : IDisposable
{
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task AuthenticateAsync_SignedByFollower_GivesItsIdAndRecordsContact()
    {
        var id = await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;

        var result = await Authenticator.AuthenticateAsync(Sign(following, "n1"), "10.0.0.7");

        Assert.Equal(id, result.Value);
        Assert.Equal("10.0.0.7", Assert.Single(await _rig.Edge.Get<FollowerRegistry>().ListAsync()).LastAddress);
    }

    [Fact]
    public async Task AuthenticateAsync_SameRequestTwice_SecondRefusedAsReplay()
    {
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var request = Sign(following, "n1");

        Assert.True((await Authenticator.AuthenticateAsync(request, "10.0.0.7")).Succeeded);
        Assert.Equal("fleet.request-replayed", Assert.Single((await Authenticator.AuthenticateAsync(request, "10.0.0.7")).Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_SameRequestManyTimesAtOnce_OnlyOneAccepted()
    {
        // The copies arrive together and share one commit of the edge's write batcher: the nonce still counts once.
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var request = Sign(following, "n1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Authenticator.AuthenticateAsync(request, "10.0.0.7"))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("fleet.request-replayed", Assert.Single(r.Problems).Code));
    }

    [Fact]
    public async Task AuthenticateAsync_ReplayAfterEdgeRestart_StillRefused()
    {
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var request = Sign(following, "n1");
        Assert.True((await Authenticator.AuthenticateAsync(request, "10.0.0.7")).Succeeded);

        await using var restarted = _rig.Edge.CreateProviderOverSameData();
        var replay = await restarted.GetRequiredService<FleetRequestAuthenticator>().AuthenticateAsync(request, "10.0.0.7");

        Assert.Equal("fleet.request-replayed", Assert.Single(replay.Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_SixMinutesOld_RefusedAsStale()
    {
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        var request = Sign(following, "n1");
        _rig.Edge.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("fleet.request-stale", Assert.Single((await Authenticator.AuthenticateAsync(request, "10.0.0.7")).Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_PathChangedAfterSigning_Refused()
    {
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;

        var altered = Sign(following, "n1") with { PathAndQuery = "/fleet/v1/bundle?have=other" };

        Assert.Equal("fleet.request-unsigned", Assert.Single((await Authenticator.AuthenticateAsync(altered, "10.0.0.7")).Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_SignedByAnotherKey_Refused()
    {
        await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Sign(following, "n1");
        var forged = request with { Signature = Convert.ToBase64String(impostor.SignData(Canonical(request), HashAlgorithmName.SHA256)) };

        Assert.Equal("fleet.request-unsigned", Assert.Single((await Authenticator.AuthenticateAsync(forged, "10.0.0.7")).Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_RemovedFollower_Refused()
    {
        var id = await _rig.PairAsync();
        using var following = (await _rig.Follower.Get<FollowingStore>().LoadAsync())!;
        await _rig.Edge.Get<FollowerRegistry>().RemoveAsync(id, "alice");

        Assert.Equal("fleet.follower-unknown", Assert.Single((await Authenticator.AuthenticateAsync(Sign(following, "n1"), "10.0.0.7")).Problems).Code);
    }

    [Fact]
    public async Task AuthenticateAsync_NoHeaders_Unsigned()
    {
        var request = new SignedRequest(null, null, null, null, "GET", "/fleet/v1/bundle", []);

        Assert.Equal("fleet.request-unsigned", Assert.Single((await Authenticator.AuthenticateAsync(request, "10.0.0.7")).Problems).Code);
    }

    private FleetRequestAuthenticator Authenticator => _rig.Edge.Get<FleetRequestAuthenticator>();

    private SignedRequest Sign(Following following, string nonce)
    {
        var timestamp = _rig.Edge.Time.GetUtcNow().ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes("{}");
        var unsigned = new SignedRequest(following.FollowerId.ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, null, "POST", "/fleet/v1/report", body);
        return unsigned with { Signature = FleetRequestSignature.Sign(following.SigningKey, Canonical(unsigned)) };
    }

    private static byte[] Canonical(SignedRequest request) =>
        FleetRequestSignature.Canonical(request.Method, request.PathAndQuery, long.Parse(request.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), request.Nonce!, request.Body);
}
