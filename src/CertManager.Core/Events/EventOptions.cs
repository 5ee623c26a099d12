using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Events;

/// <summary>How long the event log keeps events. Bound from <c>CertManager:Events</c>.</summary>
public sealed class EventOptions
{
    public const string SectionName = "CertManager:Events";

    /// <summary>Events older than this are deleted by the daily prune job, except conditions still in force (default 400 days: a year and its audit).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);
}
