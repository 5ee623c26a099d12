using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Fleet;

/// <summary>
/// A signing key as BouncyCastle's CMS signer takes it, with the subject key identifier that names it. The edge keeps
/// its identity's for the life of the process (<see cref="FleetIdentity.GetSignerAsync"/>), as Kestrel keeps the TLS
/// key: decrypting, importing and converting the key again for every bundle cost more than the signature.
/// </summary>
internal sealed class FleetSigner
{
    private FleetSigner(AsymmetricKeyParameter privateKey, byte[] keyIdentifier)
    {
        PrivateKey = privateKey;
        KeyIdentifier = keyIdentifier;
    }

    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo (<see cref="FleetSignedMessage.KeyIdentifier"/>).</summary>
    public byte[] KeyIdentifier { get; }

    /// <summary>The PKCS#8 copy made on the way is zeroed.</summary>
    public static FleetSigner From(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new FleetSigner(PrivateKeyFactory.CreateKey(pkcs8), FleetSignedMessage.KeyIdentifier(key.ExportSubjectPublicKeyInfo()));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
