using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CertManager.Core.Csr;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: hands out one-time pairing codes and turns a redeemed one into a registered follower. A code is
/// redeemed once, before it expires, and only with a registration whose HMAC proves the code's secret (compared in
/// constant time); the answer is signed with the identity key so the follower knows it reached the pinned edge.
/// </summary>
public sealed class PairingService(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    FleetIdentity identity,
    FollowerRegistry registry,
    KeyProtector keyProtector,
    EventRecorder events,
    IOptions<FleetOptions> options,
    TimeProvider timeProvider)
{
    internal const string SecretPurpose = "fleet-pairing-secret";

    public async Task<IssuedPairingCode> IssueAsync(Uri edgeUrl, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edgeUrl);
        var publicKey = await identity.GetPublicKeyAsync(cancellationToken);
        var publicId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var secret = RandomNumberGenerator.GetBytes(32);
        var now = timeProvider.GetUtcNow();
        var expires = now + options.Value.PairingCodeLifetime;
        try
        {
            await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                context.PairingCodes.Add(new PairingCodeEntry
                {
                    PublicId = publicId,
                    EncryptedSecret = keyProtector.Protect(secret, SecretPurpose),
                    Created = now,
                    CreatedBy = actor,
                    Expires = expires,
                });
                await context.SaveChangesAsync(cancellationToken);
            }

            var fingerprint = PublicKeyFingerprint.Compute(publicKey);
            await events.RecordAsync(EventSeverity.Info, EventSources.Fleet, $"Pairing code {publicId} made for {edgeUrl.Authority}, valid until {expires:yyyy-MM-dd HH:mm} UTC.", actor, cancellationToken: cancellationToken);
            return new IssuedPairingCode(new PairingCode(edgeUrl, SHA256.HashData(publicKey), publicId, secret).Format(), publicId, expires, fingerprint);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public async Task<Result<RegistrationResponse>> RegisterAsync(RegistrationRequest request, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > FleetErrors.MaxNameLength)
        {
            return FleetErrors.NameInvalid;
        }

        if (request.SigningKey is null || request.EncryptionKey is null || !FleetKeys.AreAcceptable(request.SigningKey, request.EncryptionKey))
        {
            return FleetErrors.KeyInvalid;
        }

        var now = timeProvider.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var code = await context.PairingCodes.AsNoTracking().SingleOrDefaultAsync(c => c.PublicId == request.Code, cancellationToken);
        if (code is null || !MacMatches(code, request, name))
        {
            return FleetErrors.CodeUnknown;
        }

        if (code.UsedAt is not null)
        {
            return FleetErrors.CodeUsed;
        }

        if (code.Expires <= now)
        {
            return FleetErrors.CodeExpired;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var follower = new FollowerEntry { Name = name, SigningKey = request.SigningKey, EncryptionKey = request.EncryptionKey, Paired = now, PairedBy = code.CreatedBy, LastContact = now, LastAddress = remoteAddress };
        context.Followers.Add(follower);
        await context.SaveChangesAsync(cancellationToken);

        // Single use even against two registrations at once: only the one that flips UsedAt goes on.
        var consumed = await context.PairingCodes.Where(c => c.Id == code.Id && c.UsedAt == null && c.Expires > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now).SetProperty(c => c.FollowerId, follower.Id), cancellationToken);
        if (consumed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return FleetErrors.CodeUsed;
        }

        await transaction.CommitAsync(cancellationToken);
        await events.RecordAsync(
            EventSeverity.Info,
            EventSources.Fleet,
            $"Server '{name}' (#{follower.Id}) paired from {remoteAddress ?? "an unknown address"} with code {code.PublicId}.",
            code.CreatedBy,
            cancellationToken: cancellationToken);

        registry.NotifyChanged();
        var proof = new RegistrationProof(follower.Id, request.Challenge, request.Mac);
        var signer = await identity.GetSignerAsync(cancellationToken);
        var signed = FleetSignedMessage.Sign(JsonSerializer.SerializeToUtf8Bytes(proof, FleetJson.Options), signer);
        return Result<RegistrationResponse>.Success(new RegistrationResponse(follower.Id, await identity.GetPublicKeyAsync(cancellationToken), signed));
    }

    private bool MacMatches(PairingCodeEntry code, RegistrationRequest request, string name)
    {
        var secret = keyProtector.Unprotect(code.EncryptedSecret, SecretPurpose);
        try
        {
            var expected = RegistrationMac.Compute(secret, request.Code, name, request.SigningKey, request.EncryptionKey, request.Challenge ?? string.Empty);
            return RegistrationMac.Matches(expected, request.Mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
