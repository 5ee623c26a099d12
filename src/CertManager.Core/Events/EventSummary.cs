namespace CertManager.Core.Events;

/// <summary>
/// The unfiltered facts of the event log that every page shows (see <see cref="EventSummaryCache"/>): the active count,
/// the number of events, the sources, and the newest <see cref="EventQuery.DefaultPageSize"/> events (the Event Viewer's
/// first page).
/// </summary>
public sealed record EventSummary(int ActiveCount, int TotalCount, IReadOnlyList<string> Sources, IReadOnlyList<EventRecord> Newest);
