namespace CertManager.Core.Enrollment;

/// <summary>A SCEP transaction as the tab and the CLI show it; no key material.</summary>
public sealed record ScepTransactionSummary(
    long Id,
    Uri Endpoint,
    string CaName,
    string Subject,
    string TransactionId,
    DateTimeOffset Created,
    string CreatedBy,
    DateTimeOffset? LastPolled,
    DateTimeOffset NextPoll,
    int Attempts,
    ScepTransactionStatus Status,
    string? Outcome,
    DateTimeOffset? Finished)
{
    /// <summary>The SCEP source (certificate) this transaction renews; null for a first enrollment.</summary>
    public long? RenewalOfSourceId { get; init; }
}
