namespace CertManager.Core.Events;

/// <summary>An event as read by the event viewer and the CLI.</summary>
public sealed record EventRecord(
    long Id,
    DateTimeOffset Time,
    EventSeverity Severity,
    string Source,
    string Message,
    string? CertificateFingerprint,
    string Actor,
    string? CertificateSubject = null,
    DateTimeOffset? ResolvedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? ConditionKey = null)
{
    /// <summary>Needs attention: WARNING or worse, neither resolved nor acknowledged. These are counted in the navigation bar.</summary>
    public bool IsActive => Severity >= EventSeverity.Warning && ResolvedAt is null && AcknowledgedAt is null;
}
