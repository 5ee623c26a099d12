namespace CertManager.Core.Enrollment;

/// <summary>
/// A SCEP enrollment the CA put on hold (PENDING), as stored so that polling survives restarts: where the CA is, the
/// CA/RA certificates the administrator confirmed, the transaction, the signer certificate and the request key
/// (encrypted, purpose <see cref="ScepTransactionStore.KeyPurpose"/>). The enrollment password is never stored: the
/// CSR kept here is a copy made without the challengePassword attribute.
/// </summary>
internal sealed class ScepTransaction
{
    public long Id { get; set; }

    /// <summary>The SCEP URL: CA address and URI path.</summary>
    public required string EndpointUrl { get; set; }

    /// <summary>The GetCACaps keywords, one per line, as the CA sent them when the enrollment started.</summary>
    public required string Capabilities { get; set; }

    /// <summary>The confirmed CA/RA certificates, DER, concatenated in GetCACert order.</summary>
    public required byte[] CaCertificates { get; set; }

    /// <summary>The name of the CA that will issue, for the tab.</summary>
    public required string CaName { get; set; }

    public required string TransactionId { get; set; }

    /// <summary>The transient self-signed certificate that signed the PKCSReq and signs every CertPoll (RFC 8894 §2.3).</summary>
    public required byte[] SignerCertificate { get; set; }

    /// <summary>The PKCS#8 request key, encrypted; emptied once the transaction is over.</summary>
    public required byte[] EncryptedPrivateKey { get; set; }

    /// <summary>The PKCS#10 request (DER) without the challengePassword.</summary>
    public required byte[] Csr { get; set; }

    public required string Subject { get; set; }

    /// <summary>The senderNonce of the last message sent; each message has a fresh one (RFC 8894 §3.2.1.5).</summary>
    public required byte[] LastSenderNonce { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? LastPolled { get; set; }

    public DateTimeOffset NextPoll { get; set; }

    public int Attempts { get; set; }

    public ScepTransactionStatus Status { get; set; }

    /// <summary>The last problem polling met, or the outcome in words.</summary>
    public string? Outcome { get; set; }

    /// <summary>The issued certificate and the chain the CA sent (DER, concatenated, issued first) while waiting for install.</summary>
    public byte[]? IssuedCertificates { get; set; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>
    /// For a re-enrollment (RFC 8894 §3.3.1.2): the <see cref="ScepSourceEntry"/> whose certificate signed the
    /// RenewalReq. Its CertPolls are signed with that certificate and its key (the installed one), and the issued
    /// certificate installs by that source's renewal policy. Null for a first enrollment.
    /// </summary>
    public long? RenewalOfSourceId { get; set; }
}
