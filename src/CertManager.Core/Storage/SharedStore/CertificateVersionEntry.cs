namespace CertManager.Core.Storage.SharedStore;

/// <summary>
/// One stored certificate version in the database, when nodes share a PostgreSQL store: what a version folder holds on
/// a single console (certificate, chain, the key encrypted under the master key, who installed it).
/// </summary>
internal sealed class CertificateVersionEntry
{
    /// <summary>The version name (<c>default</c> or <c>20261126T120000Z-ab12cd34ef56</c>).</summary>
    public required string Name { get; set; }

    public required string CertificatePem { get; set; }

    /// <summary>The intermediates as PEM, empty when there are none.</summary>
    public required string ChainPem { get; set; }

    /// <summary>The PKCS#8 private key encrypted by <see cref="KeyProtector"/>.</summary>
    public required byte[] EncryptedKey { get; set; }

    /// <summary><see cref="VersionProvenance"/> as JSON; null for the default.</summary>
    public string? Provenance { get; set; }

    public DateTimeOffset Created { get; set; }
}
