using System.Security.Cryptography;
using CertManager.Core.Fleet;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Tests.Fleet;

/// <summary>
/// <see cref="FleetKeyEnvelope"/>: sealed by the edge with BouncyCastle's CMS generator, opened by the follower with its
/// own key through the platform; only the construction the edge makes is accepted.
/// </summary>
public sealed class FleetKeyEnvelopeTests : IDisposable
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];
    private readonly RSA _follower = RSA.Create(2048);
    private readonly RSA _other = RSA.Create(2048);

    public void Dispose()
    {
        _follower.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void Open_SealedToThisKey_GivesTheContent()
    {
        var envelope = Seal(_follower);

        Assert.Equal(Content, FleetKeyEnvelope.Open(envelope, _follower).Value);
    }

    [Fact]
    public void Open_SealedByBouncyCastlesOwnOaepSha256_GivesTheContent()
    {
        // What edges sealed with before the platform did the key transport: the same construction, still opened.
        Assert.Equal(Content, FleetKeyEnvelope.Open(SealWithBouncyCastle("RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING", NistObjectIdentifiers.IdAes256Cbc), _follower).Value);
    }

    [Fact]
    public void Open_SealedToAnotherKey_NotForUs()
    {
        var envelope = Seal(_other);

        Assert.Equal("fleet.bundle-not-for-us", Assert.Single(FleetKeyEnvelope.Open(envelope, _follower).Problems).Code);
    }

    [Theory]
    [InlineData("RSA/NONE/OAEPWITHSHA1ANDMGF1PADDING", "AES256")]
    [InlineData("RSA/NONE/OAEPWITHSHA384ANDMGF1PADDING", "AES256")]
    [InlineData("RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING", "AES128")]
    public void Open_OtherAlgorithms_Unreadable(string keyTransport, string cipher)
    {
        var envelope = SealWithBouncyCastle(keyTransport, cipher == "AES256" ? NistObjectIdentifiers.IdAes256Cbc : NistObjectIdentifiers.IdAes128Cbc);

        Assert.Equal("fleet.bundle-unreadable", Assert.Single(FleetKeyEnvelope.Open(envelope, _follower).Problems).Code);
    }

    [Fact]
    public void Open_NotCms_Unreadable()
    {
        Assert.Equal("fleet.bundle-unreadable", Assert.Single(FleetKeyEnvelope.Open([0x30, 0x03, 0x02, 0x01, 0x01], _follower).Problems).Code);
    }

    private byte[] SealWithBouncyCastle(string keyTransport, DerObjectIdentifier cipher)
    {
        var spki = _follower.ExportSubjectPublicKeyInfo();
        var generator = new CmsEnvelopedDataGenerator();
        generator.AddKeyTransRecipient(keyTransport, PublicKeyFactory.CreateKey(spki), FleetSignedMessage.KeyIdentifier(spki));
        return generator.Generate(new CmsProcessableByteArray(Content), cipher).GetEncoded();
    }

    private static byte[] Seal(RSA recipient)
    {
        var spki = recipient.ExportSubjectPublicKeyInfo();
        return FleetKeyEnvelope.Seal(Content, spki, new RecipientKeyCache().Get(spki));
    }
}
