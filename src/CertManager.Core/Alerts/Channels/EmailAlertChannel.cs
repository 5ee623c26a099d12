using Microsoft.Extensions.Logging;

namespace CertManager.Core.Alerts.Channels;

/// <summary>Alerts by email through the configured SMTP server.</summary>
internal sealed partial class EmailAlertChannel(SmtpAlertSender sender, ILogger<EmailAlertChannel> logger) : IAlertChannel
{
    public const string Name = "email";

    public bool Sends(string channel) => channel == Name;

    public async Task<string?> TrySendAsync(AlertDelivery delivery, AlertSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.IsComplete)
        {
            return AlertErrors.NotConfigured.Message;
        }

        try
        {
            await sender.SendAsync(settings, delivery.Subject, delivery.Body, delivery.MessageId, cancellationToken);
            LogDelivered(logger, delivery.Id, settings.Host!, settings.Port);
            return null;
        }
        catch (Exception exception) when (SmtpAlertSender.IsDeliveryFailure(exception))
        {
            LogDeliveryFailed(logger, exception, settings.Host!, settings.Port, delivery.Id);
            return SmtpAlertSender.Describe(exception);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Alert {AlertId} delivered through {Host}:{Port}")]
    private static partial void LogDelivered(ILogger logger, long alertId, string host, int port);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Alert {AlertId} could not be delivered through {Host}:{Port}; it stays queued")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string host, int port, long alertId);
}
