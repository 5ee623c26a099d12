using System.Security.Cryptography;

namespace CertManager.Core.Import;

/// <summary>
/// A private key read from an input. <see cref="Key"/> is RSA or ECDsa; other algorithms are reported by name only.
/// Owned by the <see cref="ImportedMaterial"/> it belongs to.
/// </summary>
public sealed record ImportedKey(AsymmetricAlgorithm? Key, string Algorithm, int KeySizeBits, string Source)
{
    /// <summary>The DER SubjectPublicKeyInfo of the key's public half, to match it with a certificate.</summary>
    public byte[]? SubjectPublicKeyInfo { get; } = Key?.ExportSubjectPublicKeyInfo();
}
