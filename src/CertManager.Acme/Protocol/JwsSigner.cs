using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertManager.Acme.Protocol;

/// <summary>
/// Builds the JWS objects ACME needs (RFC 8555 §6.2): requests signed with the account key, the External Account
/// Binding signed with the CA's MAC key (§7.3.4, HS256) and the key-change inner object (§7.3.5).
/// </summary>
internal static class JwsSigner
{
    /// <summary>POST-as-GET (§6.3) sends this empty payload.</summary>
    public const string PostAsGet = "";

    /// <summary>Signs <paramref name="payloadJson"/> (or an empty payload for POST-as-GET) with the account key.</summary>
    public static JwsMessage Sign(AcmeAccountKey key, string? kid, string nonce, Uri url, string payloadJson)
    {
        var header = kid is null
            ? new JwsHeader(AcmeAccountKey.Algorithm, nonce, url.AbsoluteUri, Jwk: key.Jwk)
            : new JwsHeader(AcmeAccountKey.Algorithm, nonce, url.AbsoluteUri, Kid: kid);
        return Sign(header, payloadJson, input => key.Sign(input));
    }

    /// <summary>
    /// RFC 8555 §7.3.4: a JWS over the account's public JWK, signed with HS256 under the MAC key the CA gave
    /// (base64url), with <c>kid</c> = the CA's key identifier and <c>url</c> = the newAccount URL; no nonce.
    /// </summary>
    public static JwsMessage ExternalAccountBinding(string keyId, byte[] macKey, AcmeAccountKey accountKey, Uri newAccountUrl)
    {
        var header = new JwsHeader("HS256", Nonce: null, newAccountUrl.AbsoluteUri, Kid: keyId);
        var payload = JsonSerializer.Serialize(accountKey.Jwk, AcmeJsonContext.Default.Jwk);
        return Sign(header, payload, input => HMACSHA256.HashData(macKey, input));
    }

    /// <summary>
    /// RFC 8555 §7.3.5: the inner JWS of a key change, signed by the new key with its <c>jwk</c>, <c>url</c> = the
    /// keyChange URL and no nonce; the payload names the account and its old key.
    /// </summary>
    public static JwsMessage KeyChange(AcmeAccountKey newKey, AcmeAccountKey oldKey, Uri accountUrl, Uri keyChangeUrl)
    {
        var header = new JwsHeader(AcmeAccountKey.Algorithm, Nonce: null, keyChangeUrl.AbsoluteUri, Jwk: newKey.Jwk);
        var payload = JsonSerializer.Serialize(new KeyChangePayload(accountUrl.AbsoluteUri, oldKey.Jwk), AcmeJsonContext.Default.KeyChangePayload);
        return Sign(header, payload, input => newKey.Sign(input));
    }

    private static JwsMessage Sign(JwsHeader header, string payloadJson, Func<byte[], byte[]> sign)
    {
        var protectedHeader = Base64UrlText.Encode(JsonSerializer.Serialize(header, AcmeJsonContext.Default.JwsHeader));
        var payload = payloadJson.Length == 0 ? string.Empty : Base64UrlText.Encode(payloadJson);
        var signature = sign(Encoding.ASCII.GetBytes($"{protectedHeader}.{payload}"));
        return new JwsMessage(protectedHeader, payload, Base64UrlText.Encode(signature));
    }
}
