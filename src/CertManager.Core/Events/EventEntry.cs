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

    /// <summary>The user who acted, or <c>system</c>.</summary>
    public required string Actor { get; set; }
}
