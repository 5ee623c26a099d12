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
}
