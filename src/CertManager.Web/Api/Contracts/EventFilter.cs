using CertManager.Core.Events;

namespace CertManager.Web.Api.Contracts;

/// <summary>The event viewer's filters as query parameters; pages are zero-based, at most 200 events each.</summary>
public sealed record EventFilter(EventSeverity? Severity, EventSeverity? MinimumSeverity, string? Source, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;

    public EventQuery ToQuery() => new()
    {
        Severity = Severity,
        MinimumSeverity = MinimumSeverity,
        Source = Source,
        From = From,
        To = To,
        Page = Math.Max(0, Page ?? 0),
        PageSize = Math.Clamp(PageSize ?? EventQuery.DefaultPageSize, 1, MaxPageSize),
    };
}
