using System.Globalization;

namespace CertManager.Web.Components.Shared;

/// <summary>Formats instants in this server's time zone, naming the zone so nobody has to guess.</summary>
internal static class LocalTime
{
    public static string Format(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.Local;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm:ss} UTC{sign}{offset:hh\\:mm} ({zone.Id})");
    }

    /// <summary>Date and time without the zone, for tables whose page names the zone once.</summary>
    public static string FormatCompact(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The zone every <see cref="FormatCompact"/> time is in, e.g. "UTC+01:00 (Europe/Paris)".</summary>
    public static string ZoneName
    {
        get
        {
            var zone = TimeZoneInfo.Local;
            var offset = zone.GetUtcOffset(DateTimeOffset.UtcNow);
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            return string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{offset:hh\\:mm} ({zone.Id})");
        }
    }
}
