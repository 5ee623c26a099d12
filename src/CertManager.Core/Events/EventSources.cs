namespace CertManager.Core.Events;

/// <summary>Source names of the events raised by the expiry checker and the alert delivery.</summary>
public static class EventSources
{
    public const string Expiry = "expiry";

    /// <summary>Alert delivery; never emailed itself, so a broken mail server cannot feed a loop.</summary>
    public const string Alerts = "alerts";

    /// <summary>Pairing, removal and every key delivery to the servers behind a proxy, on the edge and on followers.</summary>
    public const string Fleet = "fleet";
}
