using System.Buffers.Text;
using System.Text;

namespace CertManager.Acme.Protocol;

/// <summary>base64url without padding (RFC 8555 §6.1, RFC 7515 §2), the encoding of every binary field in ACME.</summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static byte[] Decode(string text) => Base64Url.DecodeFromChars(text);
}
