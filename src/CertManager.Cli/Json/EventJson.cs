using System.Globalization;
using CertManager.Core.Events;

namespace CertManager.Cli.Json;

/// <summary>One event in <c>certman events --json</c>.</summary>
internal sealed record EventJson(
    long Id,
    DateTimeOffset Time,
    string Severity,
    string Source,
    string Message,
    string? CertificateSubject,
    string? CertificateFingerprint,
    string Actor,
    bool Active,
    DateTimeOffset? ResolvedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt)
{
    public static EventJson From(EventRecord e) =>
        new(e.Id, e.Time, e.Severity.ToString().ToUpperInvariant(), e.Source, e.Message, e.CertificateSubject, e.CertificateFingerprint, e.Actor, e.IsActive, e.ResolvedAt, e.AcknowledgedBy, e.AcknowledgedAt);

    /// <summary>One line per event for people: time (UTC), severity, source, state, message.</summary>
    public static string FormatLine(EventRecord e)
    {
        var state = e.ResolvedAt is not null ? "resolved" : e.AcknowledgedAt is not null ? "acknowledged" : e.IsActive ? "ACTIVE" : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{e.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}  {e.Severity.ToString().ToUpperInvariant(),-7}  {e.Source,-8}  {state,-12}  {e.Message}");
    }
}
