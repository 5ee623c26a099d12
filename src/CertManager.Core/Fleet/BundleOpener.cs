using System.Security.Cryptography;
using System.Text.Json;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>
/// On a follower: checks a bundle before anything else is done with it. First the signature against the pinned identity
/// key, then that it answers this follower's own request (id and nonce), and only then the envelope is opened and the
/// certificate compared with the fingerprint the edge signed.
/// </summary>
internal static class BundleOpener
{
    public static Result<OpenedBundle> Open(byte[] message, Following following, string expectedNonce)
    {
        var verified = FleetSignedMessage.Verify(message, following.EdgeIdentityKey);
        if (!verified.Succeeded)
        {
            return Result<OpenedBundle>.Failure(verified.Problems);
        }

        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(verified.Value, FleetJson.Options);
        }
        catch (JsonException)
        {
            return FleetErrors.BundleUnreadable;
        }

        if (manifest is null || manifest.Kind != BundleManifest.KindName || manifest.FollowerId != following.FollowerId || manifest.Nonce != expectedNonce || manifest.Envelope is null)
        {
            return FleetErrors.BundleNotForUs;
        }

        var content = FleetKeyEnvelope.Open(manifest.Envelope, following.EncryptionKey);
        if (!content.Succeeded)
        {
            return Result<OpenedBundle>.Failure(content.Problems);
        }

        try
        {
            var (certificate, chain, key) = BundleContent.Decode(content.Value);
            var fingerprint = CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256));
            if (!string.Equals(fingerprint, manifest.Fingerprint, StringComparison.OrdinalIgnoreCase))
            {
                certificate.Dispose();
                key.Dispose();
                return FleetErrors.BundleUnreadable;
            }

            return Result<OpenedBundle>.Success(new OpenedBundle(certificate, chain, key, fingerprint, manifest.InstallWithWarnings));
        }
        catch (Exception exception) when (exception is System.Formats.Asn1.AsnContentException or CryptographicException)
        {
            return FleetErrors.BundleUnreadable;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content.Value);
        }
    }
}
