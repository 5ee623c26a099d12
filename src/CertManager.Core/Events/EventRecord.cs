namespace CertManager.Core.Events;

/// <summary>An event as read by the event viewer and the CLI.</summary>
public sealed record EventRecord(long Id, DateTimeOffset Time, EventSeverity Severity, string Source, string Message, string? CertificateFingerprint, string Actor);
