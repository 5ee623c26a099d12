using System.Globalization;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: accepts a follower's request only when it is signed by the key that follower registered, its time is
/// within <see cref="FleetRequestSignature.Window"/> of the edge's clock, and its nonce was not seen before (nonces are
/// kept in the database for the window, so a replay is refused across restarts too). No bearer secret is involved.
/// </summary>
public sealed class FleetRequestAuthenticator(IDbContextFactory<CertManagerDbContext> contextFactory, FollowerRegistry registry, TimeProvider timeProvider)
{
    private const int MaxNonceLength = 64;

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

        if (!await RememberNonceAsync(followerId, request.Nonce, sent + FleetRequestSignature.Window, now, cancellationToken))
        {
            return FleetErrors.RequestReplayed;
        }

        await registry.RecordContactAsync(followerId, remoteAddress, cancellationToken);
        return Result<long>.Success(followerId);
    }

    private async Task<bool> RememberNonceAsync(long followerId, string nonce, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.FleetNonces.Where(n => n.Expires < now - FleetRequestSignature.Window).ExecuteDeleteAsync(cancellationToken);
        context.FleetNonces.Add(new FleetNonceEntry { FollowerId = followerId, Nonce = nonce, Expires = expires });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index on (follower, nonce) refused it: this exact request was received before.
            return false;
        }
    }
}
