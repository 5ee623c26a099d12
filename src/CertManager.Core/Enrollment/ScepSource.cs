namespace CertManager.Core.Enrollment;

/// <summary>Where a certificate installed over SCEP came from and how its renewal stands, for the renewal job and the tab.</summary>
public sealed record ScepSource(long Id, Uri EndpointUrl, byte[] CaCertificates, IReadOnlyList<string> Names, int KeySize, string CertificateFingerprint, DateTimeOffset Created)
{
    public DateTimeOffset? NextRenewal { get; init; }

    public string? RenewalReason { get; init; }

    public DateTimeOffset? LastRenewalAttempt { get; init; }

    public string? LastRenewalOutcome { get; init; }

    public int RenewalFailures { get; init; }

    /// <summary>Whether a renewal installs by itself when the chain doctor has nothing to say; otherwise it is held for an administrator.</summary>
    public bool AutoInstall { get; init; } = true;
}
