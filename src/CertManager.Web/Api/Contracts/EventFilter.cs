using CertManager.Core.Events;

namespace CertManager.Web.Api.Contracts;

/// <summary>
/// The event viewer's filters as query parameters; pages are zero-based, at most 200 events each. Settable properties
/// rather than a positional record: the request delegate generator binds them without a constructor lookup.
/// </summary>
public sealed record EventFilter
{
    public const int MaxPageSize = 200;

    public EventSeverity? Severity { get; init; }

    public EventSeverity? MinimumSeverity { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }

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
