namespace CertManager.Core.Events;

/// <summary>One page of events and how many match the filter in all.</summary>
public sealed record EventPage(IReadOnlyList<EventRecord> Items, int TotalCount, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}
