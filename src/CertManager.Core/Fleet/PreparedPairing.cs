using System.Security.Cryptography;

namespace CertManager.Core.Fleet;

/// <summary>
/// A follower's side of a pairing in progress: the parsed code, its fresh key pair and the registration to send. The
/// keys live only in memory until the edge proved its identity; dispose it to drop them.
/// </summary>
public sealed class PreparedPairing : IDisposable
{
    internal PreparedPairing(PairingCode code, RegistrationRequest request, ECDsa signingKey, RSA encryptionKey)
    {
        Code = code;
        Request = request;
        SigningKey = signingKey;
        EncryptionKey = encryptionKey;
    }

    public PairingCode Code { get; }

    public RegistrationRequest Request { get; }

    internal ECDsa SigningKey { get; }

    internal RSA EncryptionKey { get; }

    public void Dispose()
    {
        SigningKey.Dispose();
        EncryptionKey.Dispose();
    }
}
