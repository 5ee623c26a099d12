namespace CertManager.Core.Alerts.Channels;

/// <summary>One alert for one channel, as the outbox holds it: the email subject and body, or a webhook's JSON payload.</summary>
/// <param name="Id">The outbox row.</param>
/// <param name="Channel">The channel that sends it.</param>
/// <param name="Subject">The alert's subject line.</param>
/// <param name="Body">The email's text, or the webhook's generic JSON payload.</param>
/// <param name="MessageId">The email Message-ID, the same on every attempt (receivers drop duplicates by it); null for a test.</param>
public sealed record AlertDelivery(long Id, string Channel, string Subject, string Body, string? MessageId);
