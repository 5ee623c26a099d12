namespace CertManager.Core.Alerts.Channels;

/// <summary>One alert for one channel, as the outbox holds it: the email subject and body, or a webhook's JSON payload.</summary>
public sealed record AlertDelivery(long Id, string Channel, string Subject, string Body);
