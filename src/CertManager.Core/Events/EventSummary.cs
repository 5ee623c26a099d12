namespace CertManager.Core.Events;

/// <summary>The unfiltered facts of the event log that every page shows (see <see cref="EventSummaryCache"/>).</summary>
public sealed record EventSummary(int ActiveCount, int TotalCount, IReadOnlyList<string> Sources);
