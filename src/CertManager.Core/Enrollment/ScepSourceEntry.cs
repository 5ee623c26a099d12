namespace CertManager.Core.Enrollment;

/// <summary>
/// A certificate installed from a SCEP enrollment, kept so that it can be renewed (RFC 8894 §3.3.1.2 re-enrollment):
/// the SCEP URL, the CA/RA certificates the administrator confirmed (DER, concatenated), the names and key size asked
/// for, and the installed certificate's SHA-256 fingerprint. The enrollment password is never kept.
/// </summary>
internal sealed class ScepSourceEntry
{
    public long Id { get; set; }

    public required string EndpointUrl { get; set; }

    public required byte[] CaCertificates { get; set; }

    /// <summary>The names in request order (common name first), one per line.</summary>
    public required string Names { get; set; }

    public int KeySize { get; set; }

    /// <summary>SHA-256 (hex, no colons) of the installed certificate this row is the source of.</summary>
    public required string CertificateFingerprint { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? NextRenewal { get; set; }

    public string? RenewalReason { get; set; }

    public DateTimeOffset? LastRenewalAttempt { get; set; }

    public string? LastRenewalOutcome { get; set; }

    public int RenewalFailures { get; set; }

    /// <summary>Renewals wait for an administrator instead of installing by themselves (false: automatic install).</summary>
    public bool HoldRenewals { get; set; }
}
