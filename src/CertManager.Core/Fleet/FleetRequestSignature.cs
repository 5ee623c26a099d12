using System.Security.Cryptography;
using System.Text;

namespace CertManager.Core.Fleet;

/// <summary>
/// How a follower signs each request with its ECDSA P-256 key (SHA-256, IEEE P1363 signature): the string
/// <c>certmanager-fleet-request-v1 \n METHOD \n path?query \n unix-seconds \n nonce \n base64(SHA-256(body))</c>.
/// The edge checks the signature with the key registered at pairing, the time against its own clock and the nonce
/// against the ones already seen, so a request can be neither forged, altered nor replayed.
/// </summary>
public static class FleetRequestSignature
{
    public const string FollowerHeader = "CertManager-Fleet-Follower";
    public const string TimestampHeader = "CertManager-Fleet-Timestamp";
    public const string NonceHeader = "CertManager-Fleet-Nonce";
    public const string SignatureHeader = "CertManager-Fleet-Signature";

    /// <summary>How far a request's time may be from the edge's clock.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static byte[] Canonical(string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes(string.Join(
            '\n',
            "certmanager-fleet-request-v1",
            method.ToUpperInvariant(),
            pathAndQuery,
            timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            nonce,
            Convert.ToBase64String(SHA256.HashData(body))));

    internal static string Sign(ECDsa key, byte[] canonical) => Convert.ToBase64String(key.SignData(canonical, HashAlgorithmName.SHA256));

    internal static bool Verify(byte[] signingKey, byte[] canonical, string signature)
    {
        var bytes = new byte[64];
        if (!Convert.TryFromBase64String(signature, bytes, out var written) || written != 64)
        {
            return false;
        }

        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(signingKey, out _);
        return key.VerifyData(canonical, bytes, HashAlgorithmName.SHA256);
    }
}
