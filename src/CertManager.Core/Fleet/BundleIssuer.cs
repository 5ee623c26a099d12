using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: the bundle for one follower's poll. The certificate the edge presents, its chain and its private key are
/// encrypted to the follower's registered RSA key (<see cref="FleetKeyEnvelope"/>) and, with the request's nonce, signed
/// with the identity key (<see cref="FleetSignedMessage"/>). Every delivery of the key is an event.
/// </summary>
public sealed class BundleIssuer(ServerCertificateProvider provider, FleetIdentity identity, FollowerRegistry registry, TimeProvider timeProvider)
{
    private readonly RecipientKeyCache _recipients = new();

    /// <summary>The fingerprint of the certificate the edge would share, or null while it presents its self-signed default.</summary>
    public string? CurrentFingerprint => Shareable(provider.Current) is { } current ? Fingerprint(current.Certificate) : null;

    /// <summary>
    /// The signed bundle, or null when the follower already has the current certificate (<paramref name="have"/>) or the
    /// edge has nothing to share yet.
    /// </summary>
    public async Task<Result<byte[]?>> IssueAsync(long followerId, string nonce, string? have, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var follower = await registry.FindActiveAsync(followerId, cancellationToken);
        if (follower is null)
        {
            return FleetErrors.FollowerUnknown;
        }

        if (Shareable(provider.Current) is not { } current)
        {
            return Result<byte[]?>.Success(null);
        }

        var fingerprint = Fingerprint(current.Certificate);
        if (string.Equals(have, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return Result<byte[]?>.Success(null);
        }

        using var key = PrivateKeys.Of(current.Certificate) ?? throw new InvalidOperationException("The presented certificate has no private key.");
        var content = BundleContent.Encode(current.Certificate, current.Intermediates, key);
        byte[] envelope;
        try
        {
            envelope = FleetKeyEnvelope.Seal(content, follower.EncryptionKey, _recipients.Get(follower.EncryptionKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }

        var manifest = new BundleManifest(followerId, nonce, fingerprint, timeProvider.GetUtcNow(), follower.InstallWithWarnings, envelope);
        var signer = await identity.GetSignerAsync(cancellationToken);
        var signed = FleetSignedMessage.Sign(JsonSerializer.SerializeToUtf8Bytes(manifest, FleetJson.Options), signer);

        var audit = new EventDraft(
            EventSeverity.Info,
            EventSources.Fleet,
            $"Certificate and private key delivered to server '{follower.Name}' (#{followerId}) at {remoteAddress ?? "an unknown address"}, encrypted to its key.",
            EventRecorder.SystemActor)
        {
            CertificateFingerprint = fingerprint,
        };
        await registry.RecordDeliveryAsync(followerId, fingerprint, audit, cancellationToken);
        return Result<byte[]?>.Success(signed);
    }

    /// <summary>Completes when the shareable certificate is no longer <paramref name="have"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForChangeAsync(string? have, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(ServerCertificate _) => changed.TrySetResult();
        provider.Changed += OnChanged;
        try
        {
            if (!string.Equals(CurrentFingerprint ?? have, have, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            // A long poll that ends without news is the common case (every follower, every wait): it ends without
            // throwing, and the follower asks again. A cancellation (the follower went away) still throws.
            await changed.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            provider.Changed -= OnChanged;
        }
    }

    private static ServerCertificate? Shareable(ServerCertificate current) =>
        current.Origin == CertificateOrigin.SelfSignedDefault ? null : current;

    /// <summary>The SHA-256 fingerprint as the fleet exchanges it (upper-case hex octets joined by colons).</summary>
    internal static string Fingerprint(X509Certificate2 certificate) =>
        CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
