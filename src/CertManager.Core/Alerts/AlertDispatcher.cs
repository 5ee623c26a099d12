using CertManager.Core.Alerts.Channels;
using CertManager.Core.Events;
using CertManager.Core.Metrics;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Alerts;

/// <summary>
/// Drains the alert outbox: sends each due alert; on failure waits <c>RetryBaseDelay × 2^(attempts−1)</c>, capped at
/// <c>RetryMaxDelay</c>, and tries again, across restarts, until the server takes it. After
/// <c>FailureEventAfterAttempts</c> failures the failure is recorded as an event (once per alert).
/// </summary>
public sealed partial class AlertDispatcher(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    AlertSettingsStore settingsStore,
    SmtpAlertSender sender,
    IEnumerable<IAlertChannel> channels,
    EventRecorder events,
    DatabaseReadCache cache,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertDispatcher> logger) : IDisposable
{
    private const int BatchSize = 20;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Sends the alerts that are due; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await DispatchBatchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a test email now, past the outbox, and reports the server's answer.</summary>
    /// <summary>Sends a test alert to one webhook now, outside the outbox, and says what the receiver answered.</summary>
    public async Task<Result<string>> SendWebhookTestAsync(string webhookName, string actor, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetEffectiveAsync(includePassword: false, cancellationToken);
        var webhook = settings.Webhooks.FirstOrDefault(w => w.Name == webhookName);
        if (webhook is null)
        {
            return AlertErrors.ChannelGone(WebhookAlertChannel.Prefix + webhookName);
        }

        var now = timeProvider.GetUtcNow();
        var draft = new EventDraft(EventSeverity.Info, EventSources.Alerts, $"Test alert from CertManager to the webhook '{webhook.Name}', sent by {actor}.", actor);
        var (subject, body) = AlertComposer.Compose(draft, now);
        var delivery = new AlertDelivery(0, webhook.ChannelName, subject, WebhookPayload.Create(draft, subject, body, now), MessageId: null);
        var channel = channels.First(c => c.Sends(delivery.Channel));
        var error = await channel.TrySendAsync(delivery, settings, cancellationToken);
        return error is null
            ? Result<string>.Success($"The webhook '{webhook.Name}' accepted the test alert.")
            : AlertErrors.WebhookTestFailed(webhook.Name, error);
    }

    public async Task<Result<string>> SendTestAsync(string actor, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetEffectiveAsync(cancellationToken);
        if (!settings.IsComplete)
        {
            return AlertErrors.NotConfigured;
        }

        try
        {
            await sender.SendAsync(
                settings,
                $"{AlertComposer.SubjectPrefix} Test email",
                $"This test email was sent by {actor} from the CertManager console's alert settings.\nAlerts of severity {settings.MinimumSeverity.ToString().ToUpperInvariant()} and worse will arrive like this one.\n",
                cancellationToken);
            return Result<string>.Success($"Test email sent to {string.Join(", ", settings.Recipients)} through {settings.Host}:{settings.Port}.");
        }
        catch (Exception exception) when (SmtpAlertSender.IsDeliveryFailure(exception))
        {
            LogDeliveryFailed(logger, exception, settings.Host!, settings.Port, "test");
            return AlertErrors.DeliveryFailed(settings.Host!, settings.Port, SmtpAlertSender.Describe(exception));
        }
    }

    /// <summary>Alerts not yet delivered, for tests and diagnostics.</summary>
    /// <summary>The outbox depth for the metrics scrape, which cannot wait asynchronously.</summary>
    public long CountPending()
    {
        using var context = contextFactory.CreateDbContext();
        return context.AlertOutbox.LongCount(m => m.SentAt == null);
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AlertOutbox.CountAsync(m => m.SentAt == null, cancellationToken);
    }

    /// <summary>
    /// The alerts still waiting for the SMTP server, oldest first, with their next attempt and last error; kept until
    /// the next commit (<see cref="DatabaseReadCache"/>), as the alert settings page shows them on every view.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntry>> ListWaitingAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync("alert-outbox-waiting", ReadWaitingAsync, cancellationToken);

    private async Task<IReadOnlyList<OutboxEntry>> ReadWaitingAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await context.AlertOutbox
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Id)
            .Select(m => new OutboxEntry(m.Id, m.Subject, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError))
            .ToListAsync(cancellationToken);
        return waiting;
    }

    /// <summary>
    /// Makes every waiting alert due now and sends them at once (after the administrator fixed the SMTP settings),
    /// instead of waiting out the retry pause; returns how many were delivered.
    /// </summary>
    public async Task<int> RetryNowAsync(CancellationToken cancellationToken = default)
    {
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            var waiting = await context.AlertOutbox.Where(m => m.SentAt == null).ToListAsync(cancellationToken);
            waiting.ForEach(m => m.NextAttemptAt = now);
            await context.SaveChangesAsync(cancellationToken);
        }

        return await DispatchDueAsync(cancellationToken);
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await context.AlertOutbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var settings = await settingsStore.GetEffectiveAsync(cancellationToken);
        var delivered = 0;
        var failures = new List<AlertMessage>();
        foreach (var id in due)
        {
            // One message per claim: on a shared store another node's dispatcher skips the row while this one sends it.
            await using var claim = await OutboxClaim.TakeAsync(context, id, cancellationToken);
            if (claim.Message is not { } message)
            {
                continue;
            }

            var error = await TrySendAsync(settings, message, cancellationToken);
            ConsoleMetrics.AlertDeliveryAttempted(message.Channel.Split(':')[0], error is null);
            if (error is null)
            {
                message.SentAt = timeProvider.GetUtcNow();
                message.LastError = null;
                delivered++;
            }
            else
            {
                message.Attempts++;
                message.LastError = error;
                message.NextAttemptAt = timeProvider.GetUtcNow() + Backoff(message.Attempts);
                if (message.Attempts >= options.Value.FailureEventAfterAttempts && message.FailureRecordedAt is null)
                {
                    message.FailureRecordedAt = timeProvider.GetUtcNow();
                    failures.Add(message);
                }
            }

            // Saved after each message: a crash mid-batch must not send the delivered ones again.
            await claim.CompleteAsync(cancellationToken);
        }

        foreach (var failed in failures)
        {
            await events.RecordAsync(
                new EventDraft(EventSeverity.Minor, EventSources.Alerts, $"Alert \"{failed.Subject}\" ({failed.Channel}) could not be delivered after {failed.Attempts} attempts: {failed.LastError}. Delivery is still being retried.", EventRecorder.SystemActor)
                {
                    Advice = failed.Channel == EmailAlertChannel.Name
                        ? "Check the email alert settings and the SMTP server; use 'Send test email' to see the server's answer."
                        : "Check that the webhook's receiver is reachable from the console and answers with a 2xx status (CertManager:Alerts:Webhooks).",
                },
                cancellationToken);
        }

        return delivered;
    }

    private async Task<string?> TrySendAsync(AlertSettings settings, AlertMessage message, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Sends(message.Channel));
        return channel is null
            ? AlertErrors.ChannelGone(message.Channel).Message
            : await channel.TrySendAsync(new AlertDelivery(message.Id, message.Channel, message.Subject, message.Body, MessageIdOf(message)), settings, cancellationToken);
    }

    /// <summary>The same on every attempt for one outbox row: <c>alert-ID-CREATED@certmanager.invalid</c>.</summary>
    private static string MessageIdOf(AlertMessage message) =>
        $"alert-{message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{message.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}@certmanager.invalid";

    internal TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay;
    }

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Alert {AlertId} could not be delivered through {Host}:{Port}; it stays queued")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string host, int port, string alertId);
}
