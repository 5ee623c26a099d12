using CertManager.Core.Events;
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
    EventRecorder events,
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
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AlertOutbox.CountAsync(m => m.SentAt == null, cancellationToken);
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await context.AlertOutbox
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var settings = await settingsStore.GetEffectiveAsync(cancellationToken);
        var delivered = 0;
        var failures = new List<AlertMessage>();
        foreach (var message in due)
        {
            var error = await TrySendAsync(settings, message, cancellationToken);
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
            await context.SaveChangesAsync(cancellationToken);
        }

        foreach (var failed in failures)
        {
            await events.RecordAsync(
                new EventDraft(EventSeverity.Minor, EventSources.Alerts, $"Alert email \"{failed.Subject}\" could not be delivered after {failed.Attempts} attempts: {failed.LastError}. Delivery is still being retried.", EventRecorder.SystemActor)
                {
                    Advice = "Check the email alert settings and the SMTP server; use 'Send test email' to see the server's answer.",
                },
                cancellationToken);
        }

        return delivered;
    }

    private async Task<string?> TrySendAsync(AlertSettings settings, AlertMessage message, CancellationToken cancellationToken)
    {
        if (!settings.IsComplete)
        {
            return AlertErrors.NotConfigured.Message;
        }

        try
        {
            await sender.SendAsync(settings, message.Subject, message.Body, MessageIdOf(message), cancellationToken);
            LogDelivered(logger, message.Id, settings.Host!, settings.Port);
            return null;
        }
        catch (Exception exception) when (SmtpAlertSender.IsDeliveryFailure(exception))
        {
            LogDeliveryFailed(logger, exception, settings.Host!, settings.Port, message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return SmtpAlertSender.Describe(exception);
        }
    }

    /// <summary>The same on every attempt for one outbox row: <c>alert-ID-CREATED@certmanager.invalid</c>.</summary>
    internal static string MessageIdOf(AlertMessage message) =>
        $"alert-{message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{message.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}@certmanager.invalid";

    internal TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay;
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Alert {AlertId} delivered through {Host}:{Port}")]
    private static partial void LogDelivered(ILogger logger, long alertId, string host, int port);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Alert {AlertId} could not be delivered through {Host}:{Port}; it stays queued")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string host, int port, string alertId);
}
