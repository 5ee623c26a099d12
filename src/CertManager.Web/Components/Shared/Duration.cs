using System.Globalization;

namespace CertManager.Web.Components.Shared;

/// <summary>A duration in the largest unit that keeps it readable: "4.2 s", "3 min 5 s", "2 h 10 min", "3 d 4 h".</summary>
internal static class Duration
{
    public static string Format(TimeSpan duration)
    {
        var d = duration.Duration();
        return d switch
        {
            { TotalSeconds: < 10 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s"),
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0} s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.Minutes} min {d.Seconds} s"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.Hours} h {d.Minutes} min"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours} h"),
        };
    }
}
