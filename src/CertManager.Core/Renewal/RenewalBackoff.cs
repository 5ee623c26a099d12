using CertManager.Core.Events;

namespace CertManager.Core.Renewal;

/// <summary>
/// The one back-off after a failed renewal, for every source: <c>firstRetryMinutes</c> doubled after each further
/// failure up to <c>maxRetryHours</c>; a failure within <c>minorWithinDays</c> of expiry is a MINOR event, else WARNING.
/// </summary>
public static class RenewalBackoff
{
    public static TimeSpan Wait(int failures, int firstRetryMinutes, int maxRetryHours)
    {
        var wait = TimeSpan.FromMinutes(firstRetryMinutes * Math.Pow(2, Math.Min(Math.Max(failures - 1, 0), 16)));
        var longest = TimeSpan.FromHours(maxRetryHours);
        return wait > longest ? longest : wait;
    }

    public static EventSeverity Severity(DateTimeOffset notAfter, DateTimeOffset now, int minorWithinDays) =>
        notAfter - now <= TimeSpan.FromDays(minorWithinDays) ? EventSeverity.Minor : EventSeverity.Warning;
}
