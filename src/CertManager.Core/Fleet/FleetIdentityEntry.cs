namespace CertManager.Core.Fleet;

/// <summary>
/// The edge's fleet identity key (one row): an ECDSA P-256 key made on first use, PKCS#8 encrypted with the master key
/// (purpose <see cref="FleetIdentity.KeyPurpose"/>). It signs what the edge tells its followers; it is not the TLS key.
/// </summary>
internal sealed class FleetIdentityEntry
{
    public int Id { get; set; }

    public required byte[] EncryptedKey { get; set; }

    /// <summary>The DER SubjectPublicKeyInfo, so the fingerprint is read without decrypting the key.</summary>
    public required byte[] PublicKey { get; set; }

    public DateTimeOffset Created { get; set; }
}
