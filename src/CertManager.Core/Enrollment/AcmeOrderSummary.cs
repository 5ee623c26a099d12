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
    DateTimeOffset Updated);
