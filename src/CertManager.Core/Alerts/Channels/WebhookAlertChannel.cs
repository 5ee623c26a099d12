using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// Alerts POSTed to webhooks: the generic JSON payload with <c>X-CertManager-Delivery</c> and, with a secret,
/// <c>X-CertManager-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>; or a Slack or Teams message. Any 2xx
/// answer is a delivery; anything else stays queued for the dispatcher's back-off.
/// </summary>
internal sealed partial class WebhookAlertChannel(IOptions<AlertOptions> options, ILogger<WebhookAlertChannel> logger) : IAlertChannel, IDisposable
{
    public const string Prefix = "webhook:";
    public const string DeliveryHeader = "X-CertManager-Delivery";
    public const string SignatureHeader = "X-CertManager-Signature";

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = options.Value.WebhookTimeout, AllowAutoRedirect = false })
    {
        Timeout = options.Value.WebhookTimeout,
    };

    public bool Sends(string channel) => channel.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<string?> TrySendAsync(AlertDelivery delivery, AlertSettings settings, CancellationToken cancellationToken)
    {
        var webhook = settings.Webhooks.FirstOrDefault(w => w.ChannelName == delivery.Channel);
        if (webhook is null)
        {
            return AlertErrors.ChannelGone(delivery.Channel).Message;
        }

        var body = webhook.Format switch
        {
            WebhookFormat.Slack => WebhookPayload.ForSlack(delivery.Body),
            WebhookFormat.Teams => WebhookPayload.ForTeams(delivery.Body),
            _ => delivery.Body,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CertManager", "1"));
        if (webhook.Format == WebhookFormat.Generic)
        {
            request.Headers.Add(DeliveryHeader, WebhookPayload.DeliveryId(delivery.Body));
            if (!string.IsNullOrEmpty(webhook.Secret))
            {
                request.Headers.Add(SignatureHeader, Sign(webhook.Secret, body));
            }
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, delivery.Id, webhook.Name);
                return null;
            }

            var reason = $"the webhook '{webhook.Name}' answered {(int)response.StatusCode} {response.ReasonPhrase}";
            LogRefused(logger, delivery.Id, webhook.Name, (int)response.StatusCode);
            return reason;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, delivery.Id, webhook.Name);
            return $"the webhook '{webhook.Name}' could not be reached: {exception.Message}";
        }
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes under the shared secret.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public void Dispose() => _http.Dispose();

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Alert {AlertId} delivered to webhook {Webhook}")]
    private static partial void LogDelivered(ILogger logger, long alertId, string webhook);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Alert {AlertId} refused by webhook {Webhook} with status {Status}; it stays queued")]
    private static partial void LogRefused(ILogger logger, long alertId, string webhook, int status);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "Alert {AlertId} could not reach webhook {Webhook}; it stays queued")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, long alertId, string webhook);
}
