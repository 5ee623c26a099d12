using System.Globalization;
using CertManager.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: accepts a follower's request only when it is signed by the key that follower registered, its time is
/// within <see cref="FleetRequestSignature.Window"/> of the edge's clock, and its nonce was not seen before (nonces are
/// kept in the database for the window, so a replay is refused across restarts too). No bearer secret is involved.
/// The nonce and the follower's contact are written through the <see cref="FleetWriteBatcher"/>: the request goes on
/// only after they are committed, in a commit shared with the other requests of the moment.
/// </summary>
public sealed class FleetRequestAuthenticator(FleetWriteBatcher writes, FollowerRegistry registry, TimeProvider timeProvider)
{
    private const int MaxNonceLength = 64;

    /// <summary>Expired nonces are deleted at most this often, not at every request.</summary>
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);

    private long _nextPurge;

    /// <summary>The id of the follower that signed <paramref name="request"/>.</summary>
    public async Task<Result<long>> AuthenticateAsync(SignedRequest request, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!long.TryParse(request.FollowerId, NumberStyles.None, CultureInfo.InvariantCulture, out var followerId)
            || !long.TryParse(request.Timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
            || string.IsNullOrEmpty(request.Nonce) || request.Nonce.Length > MaxNonceLength || string.IsNullOrEmpty(request.Signature))
        {
            return FleetErrors.RequestUnsigned;
        }

        var follower = await registry.FindActiveAsync(followerId, cancellationToken);
        if (follower is null)
        {
            return FleetErrors.FollowerUnknown;
        }

        var canonical = FleetRequestSignature.Canonical(request.Method, request.PathAndQuery, timestamp, request.Nonce, request.Body);
        if (!FleetRequestSignature.Verify(follower.SigningKey, canonical, request.Signature))
        {
            return FleetErrors.RequestUnsigned;
        }

        var now = timeProvider.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if ((now - sent).Duration() > FleetRequestSignature.Window)
        {
            return FleetErrors.RequestStale;
        }

        if (!await RememberAsync(followerId, request.Nonce, sent + FleetRequestSignature.Window, remoteAddress, now, cancellationToken))
        {
            return FleetErrors.RequestReplayed;
        }

        return Result<long>.Success(followerId);
    }

    /// <summary>Keeps the nonce until it expires and records the contact; false when the nonce was seen before.</summary>
    private Task<bool> RememberAsync(long followerId, string nonce, DateTimeOffset expires, string? remoteAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purge = PurgeDue(now);
        return writes.WriteAsync(
            async (context, token) =>
            {
                if (purge)
                {
                    await context.FleetNonces.Where(n => n.Expires < now - FleetRequestSignature.Window).ExecuteDeleteAsync(token);
                }

                // This exact request was received before: in an earlier commit, or earlier in this one.
                if (context.FleetNonces.Local.Any(n => n.FollowerId == followerId && n.Nonce == nonce)
                    || await context.FleetNonces.AnyAsync(n => n.FollowerId == followerId && n.Nonce == nonce, token))
                {
                    return false;
                }

                context.FleetNonces.Add(new FleetNonceEntry { FollowerId = followerId, Nonce = nonce, Expires = expires });
                await context.Followers.Where(f => f.Id == followerId)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastContact, now).SetProperty(f => f.LastAddress, remoteAddress), token);
                return true;
            },
            cancellationToken);
    }

    private bool PurgeDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPurge);
        return now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextPurge, (now + PurgeEvery).UtcTicks, next) == next;
    }
}
