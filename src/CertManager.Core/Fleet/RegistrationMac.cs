using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CertManager.Core.Fleet;

/// <summary>
/// HMAC-SHA256 (RFC 2104) keyed with the pairing code's secret over everything the follower registers, so that the
/// secret itself never crosses the network and nobody who sees the registration can swap in their own keys.
/// </summary>
internal static class RegistrationMac
{
    public static string Compute(ReadOnlySpan<byte> secret, string code, string name, byte[] signingKey, byte[] encryptionKey, string challenge)
    {
        var canonical = string.Join('\n', "certmanager-fleet-register-v1", code, name, Convert.ToBase64String(signingKey), Convert.ToBase64String(encryptionKey), challenge);
        return Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Constant-time comparison of the presented MAC with the expected one.</summary>
    public static bool Matches(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented ?? string.Empty));
}
