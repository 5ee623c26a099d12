using System.Security.Cryptography;
using System.Text;

namespace CertManager.Acme.Protocol;

/// <summary>
/// What a challenge must publish (RFC 8555 §8.1): the key authorization <c>token.thumbprint</c>, served as is for
/// http-01 (§8.3, at <c>/.well-known/acme-challenge/{token}</c>) and as base64url(SHA-256(key authorization)) in a TXT
/// record at <c>_acme-challenge.{name}</c> for dns-01 (§8.4).
/// </summary>
public static class KeyAuthorization
{
    public const string HttpPathPrefix = "/.well-known/acme-challenge/";

    public const string DnsLabel = "_acme-challenge";

    public static string For(string token, AcmeAccountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{token}.{key.Thumbprint}";
    }

    /// <summary>§8.4: the TXT record value.</summary>
    public static string DnsTxtValue(string keyAuthorization) =>
        Base64UrlText.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization)));

    /// <summary>§8.4: the record name, for the identifier's base name (a wildcard's <c>*.</c> is not part of it, §7.1.4).</summary>
    public static string DnsTxtName(string identifier) =>
        $"{DnsLabel}.{(identifier.StartsWith("*.", StringComparison.Ordinal) ? identifier[2..] : identifier).TrimEnd('.')}";
}
