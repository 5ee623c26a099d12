using System.Security.Cryptography;
using System.Text;

namespace CertManager.Acme.Protocol;

/// <summary>
/// An ACME account key: ECDSA P-256 signing with ES256 (RFC 8555 §6.2, RFC 7518 §3.4), the public half as a JWK
/// (RFC 7518 §6.2) and its RFC 7638 thumbprint for key authorizations (§8.1). Owns the key; dispose it.
/// </summary>
public sealed class AcmeAccountKey : IDisposable
{
    private readonly ECDsa _key;

    private AcmeAccountKey(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException("An ACME account key must be ECDSA P-256 (ES256).", nameof(key));
        }

        _key = key;
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        Jwk = new Jwk("P-256", "EC", Base64UrlText.Encode(point.X), Base64UrlText.Encode(point.Y));
        // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
        var canonical = $"{{\"crv\":\"{Jwk.Crv}\",\"kty\":\"{Jwk.Kty}\",\"x\":\"{Jwk.X}\",\"y\":\"{Jwk.Y}\"}}";
        Thumbprint = Base64UrlText.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The JWS algorithm of every request signed with this key.</summary>
    public static string Algorithm => "ES256";

    public Jwk Jwk { get; }

    /// <summary>base64url(SHA-256(canonical JWK)), RFC 7638; the second half of every key authorization.</summary>
    public string Thumbprint { get; }

    public static AcmeAccountKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a key stored with <see cref="ExportPkcs8"/>.</summary>
    public static AcmeAccountKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return new AcmeAccountKey(key);
    }

    /// <summary>PKCS#8 for storage; the caller encrypts it at rest and clears it.</summary>
    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>ES256: the 64-byte R||S concatenation JWS requires (RFC 7518 §3.4), not DER.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        _key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
