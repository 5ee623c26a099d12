namespace CertManager.Core.Events;

/// <summary>One row of the event log: what happened, how much it matters, to which certificate, and who acted.</summary>
internal sealed class EventEntry
{
    public long Id { get; set; }

    public DateTimeOffset Time { get; set; }

    public EventSeverity Severity { get; set; }

    /// <summary>The part of the console that raised it, e.g. <c>accounts</c>, <c>csr</c>, <c>expiry</c>.</summary>
    public required string Source { get; set; }

    public required string Message { get; set; }

    public string? CertificateFingerprint { get; set; }

    /// <summary>The subject of the certificate concerned, shown next to its fingerprint.</summary>
    public string? CertificateSubject { get; set; }

    /// <summary>The user who acted, or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>
    /// Names the condition a condition event stands for (e.g. <c>expiry:&lt;sha256&gt;</c>); at most one unresolved
    /// event per key, so a condition checked every hour raises one event, not one per check. Null for one-off events.
    /// </summary>
    public string? ConditionKey { get; set; }

    /// <summary>When the condition ended (certificate replaced, level changed); null while it is active.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
}
