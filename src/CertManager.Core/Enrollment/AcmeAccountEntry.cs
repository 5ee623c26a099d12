namespace CertManager.Core.Enrollment;

/// <summary>
/// The ACME account CertManager holds at one CA (one per directory URL): the account URL (the JWS <c>kid</c>, RFC 8555
/// §6.2) and its ECDSA P-256 key, PKCS#8 encrypted with the master key (purpose <see cref="AcmeStore.AccountKeyPurpose"/>).
/// </summary>
internal sealed class AcmeAccountEntry
{
    public long Id { get; set; }

    public required string DirectoryUrl { get; set; }

    public required string AccountUrl { get; set; }

    public required byte[] EncryptedKey { get; set; }

    /// <summary>The contact email addresses, one per line.</summary>
    public string Contact { get; set; } = string.Empty;

    /// <summary><c>valid</c> or <c>deactivated</c> (RFC 8555 §7.1.6).</summary>
    public required string Status { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }
}
