using CertManager.Core.Chain;
using CertManager.Core.Details;

namespace CertManager.Cli.Json;

/// <summary>A private key found in the inputs, in <c>certman inspect/verify --json</c>.</summary>
/// <param name="Algorithm"><c>RSA</c> or <c>EC</c>; other algorithms by name.</param>
/// <param name="KeySizeBits">The key size, 0 when unknown.</param>
/// <param name="Source">Where it was read.</param>
/// <param name="MatchesCertificateSha256">The SHA-256 fingerprint (as in <c>certificates</c>) of the server certificate it belongs to; absent when it belongs to none.</param>
internal sealed record KeyJson(string Algorithm, int KeySizeBits, string Source, string? MatchesCertificateSha256)
{
    public static KeyJson From(KeySummary key) => new(
        key.Algorithm,
        key.KeySizeBits,
        key.Source,
        // The chain doctor gives the bare hex digest; print it like every other fingerprint so scripts can compare.
        key.MatchesCertificateSha256 is { } hex ? CertificateDetailsReader.FormatHex(Convert.FromHexString(hex)) : null);
}
