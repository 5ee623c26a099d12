using System.Security.Cryptography;

namespace CertManager.Core.Fleet;

/// <summary>On a follower, while it polls: the pinned edge and its own two keys, decrypted. Dispose it to drop the keys.</summary>
internal sealed class Following(Uri edgeUrl, byte[] edgeIdentityKey, long followerId, ECDsa signingKey, RSA encryptionKey) : IDisposable
{
    public Uri EdgeUrl { get; } = edgeUrl;

    public byte[] EdgeIdentityKey { get; } = edgeIdentityKey;

    public long FollowerId { get; } = followerId;

    public ECDsa SigningKey { get; } = signingKey;

    public RSA EncryptionKey { get; } = encryptionKey;

    public void Dispose()
    {
        SigningKey.Dispose();
        EncryptionKey.Dispose();
    }
}
