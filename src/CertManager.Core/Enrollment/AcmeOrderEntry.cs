namespace CertManager.Core.Enrollment;

/// <summary>
/// One ACME order as CertManager keeps it across restarts: what was asked (directory, names, key size, challenge
/// way), the CA's order URL once created, the last step reached, and after finalize the certificate's RSA key,
/// PKCS#8 encrypted (purpose <see cref="AcmeStore.CertificateKeyPurpose"/>), so a restart can still download and
/// install. The key is emptied when the order is over.
/// </summary>
internal sealed class AcmeOrderEntry
{
    public long Id { get; set; }

    public required string DirectoryUrl { get; set; }

    public string? OrderUrl { get; set; }

    /// <summary>The names in request order (common name first), one per line.</summary>
    public required string Names { get; set; }

    public int KeySize { get; set; }

    /// <summary>How the challenge is answered: <c>http-console</c>, <c>http-webroot</c>, <c>dns-rfc2136</c>, <c>dns-hook</c>.</summary>
    public required string ChallengeWay { get; set; }

    /// <summary>The ARI id of the certificate this order replaces (RFC 9773 §5), for renewals.</summary>
    public string? Replaces { get; set; }

    public AcmeOrderStatus Status { get; set; }

    public string? LastStep { get; set; }

    public string? Outcome { get; set; }

    public byte[]? EncryptedCertificateKey { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset Updated { get; set; }

    /// <summary>SHA-256 of the certificate installed from this order: the order is the source of that certificate.</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Renewals install without anyone present when the chain doctor has nothing to say; otherwise they are held.</summary>
    public bool AutoInstall { get; set; } = true;

    public DateTimeOffset? NextRenewal { get; set; }

    public string? RenewalReason { get; set; }

    public DateTimeOffset? LastRenewalAttempt { get; set; }

    public string? LastRenewalOutcome { get; set; }

    /// <summary>Failed renewal attempts in a row, for the back-off.</summary>
    public int RenewalFailures { get; set; }
}
