namespace CertManager.Core.Enrollment;

/// <summary>An ACME order as the tab and <c>certman acme status</c> show it.</summary>
public sealed record AcmeOrderSummary(
    long Id,
    Uri DirectoryUrl,
    Uri? OrderUrl,
    IReadOnlyList<string> Names,
    int KeySize,
    string ChallengeWay,
    string? Replaces,
    AcmeOrderStatus Status,
    string? LastStep,
    string? Outcome,
    DateTimeOffset Created,
    string CreatedBy,
    DateTimeOffset Updated)
{
    public string? CertificateFingerprint { get; init; }

    public bool AutoInstall { get; init; } = true;

    public DateTimeOffset? NextRenewal { get; init; }

    public string? RenewalReason { get; init; }

    public DateTimeOffset? LastRenewalAttempt { get; init; }

    public string? LastRenewalOutcome { get; init; }

    public int RenewalFailures { get; init; }
}
