namespace CertManager.Core.Storage.SharedStore;

/// <summary>A root an administrator added to the trust store, when nodes share a PostgreSQL store (<c>trusted-roots.pem</c> on a single console).</summary>
internal sealed class TrustedRootEntry
{
    /// <summary>SHA-256 of the certificate, upper-case hex without colons.</summary>
    public required string Fingerprint { get; set; }

    public required string CertificatePem { get; set; }

    public DateTimeOffset Added { get; set; }
}
