namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// A way alerts leave the console (email, webhooks). Every channel shares the outbox and the retry policy of
/// <see cref="AlertDispatcher"/>: one outbox row per alert and channel, sent until the channel accepts it.
/// Adding a channel is adding an implementation and its rows in <see cref="AlertOutbox"/>.
/// </summary>
public interface IAlertChannel
{
    /// <summary>Whether this channel sends the outbox rows named <paramref name="channel"/>.</summary>
    bool Sends(string channel);

    /// <summary>Delivers one alert; null when the receiver accepted it, else what went wrong (kept for the retry).</summary>
    Task<string?> TrySendAsync(AlertDelivery delivery, AlertSettings settings, CancellationToken cancellationToken);
}
