using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CertManager.Core.Alerts;

/// <summary>Sends one plain-text email over SMTP with MailKit, as the settings say.</summary>
public sealed class SmtpAlertSender(IOptions<AlertOptions> options, TimeProvider timeProvider)
{
    public Task SendAsync(AlertSettings settings, string subject, string body, CancellationToken cancellationToken = default) =>
        SendAsync(settings, subject, body, messageId: null, cancellationToken);

    /// <summary>
    /// Sends with a given Message-ID: an outbox alert keeps the same one on every attempt, so that the rare copy sent again
    /// after a crash between the server's acceptance and the outbox's record of it can be recognised (and dropped) as a duplicate.
    /// </summary>
    public async Task SendAsync(AlertSettings settings, string subject, string body, string? messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsComplete)
        {
            throw new InvalidOperationException("Alerts are sent only with complete settings; check AlertSettings.IsComplete first.");
        }
        using var message = new MimeMessage
        {
            Subject = subject,
            Date = timeProvider.GetUtcNow(),
            Body = new TextPart("plain") { Text = body },
        };
        if (messageId is not null)
        {
            message.MessageId = messageId;
        }

        message.From.Add(MailboxAddress.Parse(settings.Sender!));
        message.To.AddRange(settings.Recipients.Select(MailboxAddress.Parse));

        using var client = new SmtpClient { Timeout = (int)options.Value.SmtpTimeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The failures an SMTP server or the network can cause; anything else is a bug and propagates.</summary>
    public static bool IsDeliveryFailure(Exception exception) =>
        exception is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or SocketException or IOException or TimeoutException or ParseException
            or NotSupportedException;

    /// <summary>What the server or the network said, in one line: the SMTP reply for a refusal.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
        SocketException socket => $"{socket.SocketErrorCode}: {socket.Message}",
        _ => exception.Message,
    };
}
