namespace CertManager.Core.Csr;

/// <summary>
/// A generated CSR as stored, with its private key encrypted under the master key (<see cref="Storage.KeyProtector"/>,
/// purpose <see cref="PendingRequestStore.KeyPurpose"/>). The key stays until the request is discarded, so a
/// certificate that arrives weeks later can still be installed.
/// </summary>
internal sealed class PendingRequest
{
    public long Id { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>The subject in encoded order, as <see cref="ValidatedCsrRequest.Subject"/>.</summary>
    public required string Subject { get; set; }

    /// <summary>The subjectAltName entries, one per line, e.g. <c>DNS:server.example.com</c> or <c>IP:192.168.1.10</c>.</summary>
    public required string AlternateNames { get; set; }

    public int KeySize { get; set; }

    public CsrHashAlgorithm Hash { get; set; }

    public required string CsrPem { get; set; }

    /// <summary>The PKCS#8 private key, encrypted; emptied when the request is discarded.</summary>
    public required byte[] EncryptedPrivateKey { get; set; }

    /// <summary>SHA-256 of the DER SubjectPublicKeyInfo, colon-separated hex; finds the key for an issued certificate.</summary>
    public required string PublicKeySha256 { get; set; }

    /// <summary>The form as entered (JSON), to prefill the next request.</summary>
    public required string FormJson { get; set; }

    public DateTimeOffset? Discarded { get; set; }

    /// <summary>When a certificate issued for this request was installed; the request then no longer waits.</summary>
    public DateTimeOffset? Used { get; set; }
}
