using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertManager.Acme.Protocol;

namespace CertManager.Acme.Tests.Protocol;

public sealed class JwsSignerTests
{
    [Fact]
    public void Sign_WithKid_IsAnEs256SignatureOverProtectedDotPayloadWithNonceUrlAndKid()
    {
        using var key = AcmeAccountKey.Create();

        var jws = JwsSigner.Sign(key, "https://ca.example/acct/1", "nonce-1", new Uri("https://ca.example/new-order"), "{\"a\":1}");

        using var header = JsonDocument.Parse(Base64UrlText.Decode(jws.Protected));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("nonce-1", header.RootElement.GetProperty("nonce").GetString());
        Assert.Equal("https://ca.example/new-order", header.RootElement.GetProperty("url").GetString());
        Assert.Equal("https://ca.example/acct/1", header.RootElement.GetProperty("kid").GetString());
        Assert.False(header.RootElement.TryGetProperty("jwk", out _));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(Base64UrlText.Decode(jws.Payload)));
        var signature = Base64UrlText.Decode(jws.Signature);
        Assert.Equal(64, signature.Length);
        Assert.True(PublicKey(key).VerifyData(Encoding.ASCII.GetBytes($"{jws.Protected}.{jws.Payload}"), signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Sign_PostAsGet_HasAnEmptyPayloadAndTheJwkWithoutKid()
    {
        using var key = AcmeAccountKey.Create();

        var jws = JwsSigner.Sign(key, kid: null, "n", new Uri("https://ca.example/x"), JwsSigner.PostAsGet);

        using var header = JsonDocument.Parse(Base64UrlText.Decode(jws.Protected));
        Assert.Equal(string.Empty, jws.Payload);
        Assert.Equal("EC", header.RootElement.GetProperty("jwk").GetProperty("kty").GetString());
        Assert.False(header.RootElement.TryGetProperty("kid", out _));
    }

    [Fact]
    public void ExternalAccountBinding_IsHs256OverTheAccountJwkWithoutNonce()
    {
        using var key = AcmeAccountKey.Create();
        var macKey = RandomNumberGenerator.GetBytes(32);

        var jws = JwsSigner.ExternalAccountBinding("kid-7", macKey, key, new Uri("https://ca.example/new-account"));

        using var header = JsonDocument.Parse(Base64UrlText.Decode(jws.Protected));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("kid-7", header.RootElement.GetProperty("kid").GetString());
        Assert.False(header.RootElement.TryGetProperty("nonce", out _));
        using var payload = JsonDocument.Parse(Base64UrlText.Decode(jws.Payload));
        Assert.Equal(key.Jwk.X, payload.RootElement.GetProperty("x").GetString());
        Assert.Equal(HMACSHA256.HashData(macKey, Encoding.ASCII.GetBytes($"{jws.Protected}.{jws.Payload}")), Base64UrlText.Decode(jws.Signature));
    }

    [Fact]
    public void Thumbprint_IsSha256OfTheCanonicalJwk()
    {
        using var key = AcmeAccountKey.Create();
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{key.Jwk.X}\",\"y\":\"{key.Jwk.Y}\"}}";

        Assert.Equal(Base64UrlText.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), key.Thumbprint);
        using var reloaded = AcmeAccountKey.FromPkcs8(key.ExportPkcs8());
        Assert.Equal(key.Thumbprint, reloaded.Thumbprint);
    }

    private static ECDsa PublicKey(AcmeAccountKey key)
    {
        var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlText.Decode(key.Jwk.X), Y = Base64UrlText.Decode(key.Jwk.Y) },
        });
        return ecdsa;
    }
}
