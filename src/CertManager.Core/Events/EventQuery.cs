namespace CertManager.Core.Events;

/// <summary>What the event viewer asks for: filters (all optional), newest first, one page.</summary>
public sealed record EventQuery
{
    public const int DefaultPageSize = 25;

    public EventSeverity? Severity { get; init; }

    /// <summary>Only this severity and worse, e.g. WARNING for WARNING, MINOR and MAJOR.</summary>
    public EventSeverity? MinimumSeverity { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Zero-based.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;
}
