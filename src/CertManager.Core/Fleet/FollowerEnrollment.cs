using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>On a follower: pairs with the edge named in a code, over HTTPS (<see cref="EdgeClient"/>), end to end.</summary>
public sealed class FollowerEnrollment(FollowingStore store, FollowerPairing pairing, EdgeClient client)
{
    public async Task<Result<FollowingSummary>> FollowAsync(string code, string name, string actor, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(cancellationToken) is not null)
        {
            return FleetErrors.AlreadyFollowing;
        }

        var prepared = FollowerPairing.Prepare(code, name);
        if (!prepared.Succeeded)
        {
            return Result<FollowingSummary>.Failure(prepared.Problems);
        }

        using var pending = prepared.Value;
        var response = await client.RegisterAsync(pending.Code.EdgeUrl, pending.Request, cancellationToken);
        return response.Succeeded
            ? await pairing.CompleteAsync(pending, response.Value, actor, cancellationToken)
            : Result<FollowingSummary>.Failure(response.Problems);
    }
}
