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

    /// <summary>Zero-based. Without <see cref="BeforeId"/> or <see cref="AfterId"/> the page is found by skipping the pages before it.</summary>
    public int Page { get; init; }

    /// <summary>Keyset paging (the next page): the newest events older than this id, at the same cost on every page.</summary>
    public long? BeforeId { get; init; }

    /// <summary>Keyset paging (the previous page): the oldest events newer than this id, still listed newest first.</summary>
    public long? AfterId { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The newest events: no page skipped, no keyset position.</summary>
    public bool IsFirstPage => Page <= 0 && BeforeId is null && AfterId is null;

    /// <summary>No filter at all: the count is the whole log's.</summary>
    public bool IsUnfiltered => Severity is null && MinimumSeverity is null && string.IsNullOrEmpty(Source) && From is null && To is null;
}
