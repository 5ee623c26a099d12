using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CertManager.Core.Events;
using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>
/// On a follower: turns a pairing code into a registration (fresh keys, a challenge, the HMAC that proves the code's
/// secret) and accepts the edge's answer only when the identity key it shows has the fingerprint the code pinned and
/// its signed proof answers this very registration. Only then are the keys kept.
/// </summary>
public sealed class FollowerPairing(FollowingStore store, EventRecorder events, TimeProvider timeProvider)
{
    public static Result<PreparedPairing> Prepare(string? code, string? name) =>
        Prepare(code, name, FleetKeys.NewSigningKey, FleetKeys.NewEncryptionKey);

    /// <summary>As <see cref="Prepare(string?, string?)"/>, with the follower's keys made (or given) by the caller; the pairing owns them.</summary>
    internal static Result<PreparedPairing> Prepare(string? code, string? name, Func<ECDsa> newSigningKey, Func<RSA> newEncryptionKey)
    {
        ArgumentNullException.ThrowIfNull(newSigningKey);
        ArgumentNullException.ThrowIfNull(newEncryptionKey);
        var parsed = PairingCode.Parse(code);
        if (!parsed.Succeeded)
        {
            return Result<PreparedPairing>.Failure(parsed.Problems);
        }

        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FleetErrors.MaxNameLength)
        {
            return FleetErrors.NameInvalid;
        }

        var pairing = parsed.Value;
        var signingKey = newSigningKey();
        var encryptionKey = newEncryptionKey();
        var signingPublic = signingKey.ExportSubjectPublicKeyInfo();
        var encryptionPublic = encryptionKey.ExportSubjectPublicKeyInfo();
        var challenge = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var mac = RegistrationMac.Compute(pairing.Secret, pairing.PublicId, trimmed, signingPublic, encryptionPublic, challenge);
        var request = new RegistrationRequest(pairing.PublicId, trimmed, signingPublic, encryptionPublic, challenge, mac);
        return Result<PreparedPairing>.Success(new PreparedPairing(pairing, request, signingKey, encryptionKey));
    }

    public async Task<Result<FollowingSummary>> CompleteAsync(PreparedPairing pairing, RegistrationResponse response, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        ArgumentNullException.ThrowIfNull(response);
        var checkedResponse = CheckResponse(pairing, response);
        if (!checkedResponse.Succeeded)
        {
            return Result<FollowingSummary>.Failure(checkedResponse.Problems);
        }

        if (!await store.SaveAsync(pairing.Code.EdgeUrl, response.IdentityKey, response.FollowerId, pairing.Request.Name, pairing.SigningKey, pairing.EncryptionKey, actor, timeProvider.GetUtcNow(), cancellationToken))
        {
            return FleetErrors.AlreadyFollowing;
        }

        var summary = (await store.GetAsync(cancellationToken))!;
        await events.RecordAsync(
            EventSeverity.Info,
            EventSources.Fleet,
            $"This console now follows the proxy at {pairing.Code.EdgeUrl.Authority} as '{pairing.Request.Name}' (#{response.FollowerId}); its fleet identity key {summary.EdgeIdentityFingerprint} is pinned.",
            actor,
            cancellationToken: cancellationToken);
        return Result<FollowingSummary>.Success(summary);
    }

    /// <summary>Stops following: the edge and this console's fleet keys are forgotten; the installed certificate stays.</summary>
    public async Task<Result<FollowingSummary>> StopAsync(string actor, CancellationToken cancellationToken = default)
    {
        var current = await store.GetAsync(cancellationToken);
        if (current is null || !await store.RemoveAsync(cancellationToken))
        {
            return FleetErrors.NotFollowing;
        }

        await events.RecordAsync(EventSeverity.Info, EventSources.Fleet, $"This console stopped following the proxy at {current.EdgeUrl.Authority}; the installed certificate stays.", actor, cancellationToken: cancellationToken);
        return Result<FollowingSummary>.Success(current);
    }

    /// <summary>
    /// Whether the edge's answer comes from the identity key the code pinned and its signed proof answers this very
    /// registration (its challenge and HMAC, and the follower id it gives).
    /// </summary>
    internal static Result<bool> CheckResponse(PreparedPairing pairing, RegistrationResponse response)
    {
        if (response.IdentityKey is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(response.IdentityKey), pairing.Code.IdentityFingerprint))
        {
            return FleetErrors.IdentityMismatch;
        }

        var content = FleetSignedMessage.Verify(response.Proof ?? [], response.IdentityKey);
        if (!content.Succeeded)
        {
            return Result<bool>.Failure(content.Problems);
        }

        var proof = ReadProof(content.Value);
        if (proof is null || proof.Kind != RegistrationProof.KindName || proof.FollowerId != response.FollowerId
            || proof.Challenge != pairing.Request.Challenge || proof.Mac != pairing.Request.Mac)
        {
            return FleetErrors.SignatureInvalid;
        }

        return Result<bool>.Success(true);
    }

    private static RegistrationProof? ReadProof(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<RegistrationProof>(json, FleetJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
