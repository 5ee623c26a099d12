using System.Security.Cryptography;
using CertManager.Core.Fleet;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CertManager.Core.Tests.Fleet;

/// <summary><see cref="RecipientKeyCache"/>: each follower key parsed, and so checked, once; never one key for another.</summary>
public sealed class RecipientKeyCacheTests : IDisposable
{
    private readonly RSA _first = RSA.Create(2048);
    private readonly RSA _second = RSA.Create(2048);

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void Get_SameKeyTwice_ParsedOnceAndSameKeyGiven()
    {
        var cache = new RecipientKeyCache();
        var encoded = _first.ExportSubjectPublicKeyInfo();

        var first = cache.Get(encoded);
        var again = cache.Get((byte[])encoded.Clone());

        Assert.Same(first, again);
        Assert.Equal(1, cache.Parses);
        Assert.Equal(Modulus(_first), Modulus(again));
    }

    [Fact]
    public void Get_TwoKeys_EachGivesItsOwn()
    {
        var cache = new RecipientKeyCache();

        var first = cache.Get(_first.ExportSubjectPublicKeyInfo());
        var second = cache.Get(_second.ExportSubjectPublicKeyInfo());

        Assert.Equal(Modulus(_first), Modulus(first));
        Assert.Equal(Modulus(_second), Modulus(second));
        Assert.Equal(2, cache.Parses);
    }

    [Fact]
    public void Get_EcKey_Refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.ThrowsAny<ArgumentException>(() => new RecipientKeyCache().Get(ec.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void Get_ModulusWithSmallFactor_StillRefusedEveryTime()
    {
        var cache = new RecipientKeyCache();
        var parameters = _first.ExportParameters(false);
        var weak = new Org.BouncyCastle.Math.BigInteger(1, parameters.Modulus).Multiply(Org.BouncyCastle.Math.BigInteger.Three);
        var encoded = new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance),
            new RsaPublicKeyStructure(weak, new Org.BouncyCastle.Math.BigInteger(1, parameters.Exponent))).GetDerEncoded();

        Assert.ThrowsAny<ArgumentException>(() => cache.Get(encoded));
        Assert.ThrowsAny<ArgumentException>(() => cache.Get(encoded));
        Assert.Equal(0, cache.Parses);
    }

    private static byte[] Modulus(RSA key) => key.ExportParameters(false).Modulus!;
}
