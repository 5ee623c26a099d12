using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// The webhook channels administrators add and remove without editing configuration. They join the configured ones
/// in <see cref="AlertSettingsStore.GetEffectiveAsync(bool, CancellationToken)"/>, so the outbox, retries and
/// "Send test" treat both alike; a name used in configuration cannot be taken here.
/// </summary>
public sealed class WebhookChannelStore(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    SavedWebhooks saved,
    IOptions<AlertOptions> options,
    EventRecorder events,
    TimeProvider timeProvider)
{
    /// <summary>The saved webhooks with their URL and secret decrypted, for delivery; never for display.</summary>
    public Task<IReadOnlyList<WebhookConfiguration>> ListSavedAsync(CancellationToken cancellationToken = default) => saved.ListAsync(cancellationToken);

    public async Task<Result<string>> AddAsync(WebhookInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var webhook = new WebhookConfiguration
        {
            Name = input.Name.Trim(),
            Url = input.Url.Trim(),
            Format = input.Format,
            Secret = string.IsNullOrEmpty(input.Secret) ? null : input.Secret,
            MinimumSeverity = input.MinimumSeverity,
        };
        var broken = WebhookRules.Broken(webhook);
        if (!Enum.IsDefined(input.Format) || !Enum.IsDefined(input.MinimumSeverity))
        {
            broken.Add("Choose a format (Generic, Slack or Teams) and a minimum severity.");
        }

        if (broken.Count > 0)
        {
            return AlertErrors.WebhookInvalid(string.Join(" ", broken));
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var taken = options.Value.Webhooks.Any(w => string.Equals(w.Name, webhook.Name, StringComparison.OrdinalIgnoreCase))
            || (await context.WebhookChannels.Select(w => w.Name).ToListAsync(cancellationToken)).Contains(webhook.Name, StringComparer.OrdinalIgnoreCase);
        if (taken)
        {
            return AlertErrors.WebhookNameTaken(webhook.Name);
        }

        context.WebhookChannels.Add(new WebhookChannelEntry
        {
            Name = webhook.Name,
            ProtectedUrl = saved.Encrypt(webhook.Url, SavedWebhooks.UrlPurpose),
            ProtectedSecret = webhook.Secret is null ? null : saved.Encrypt(webhook.Secret, SavedWebhooks.SecretPurpose),
            Format = webhook.Format,
            MinimumSeverity = webhook.MinimumSeverity,
            CreatedBy = actor,
            CreatedAt = timeProvider.GetUtcNow(),
        });
        await context.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            EventSeverity.Info,
            EventSources.Alerts,
            $"Webhook alert channel '{webhook.Name}' added ({webhook.Format}, {webhook.MinimumSeverity.ToString().ToUpperInvariant()} and above{(webhook.Secret is null ? string.Empty : ", signed")}).",
            actor,
            cancellationToken: cancellationToken);
        return Result<string>.Success(webhook.Name);
    }

    public async Task<Result<string>> RemoveAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        if (options.Value.Webhooks.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return AlertErrors.WebhookFromConfiguration(name);
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var removed = await context.WebhookChannels.Where(w => w.Name == name).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return AlertErrors.WebhookNotFound(name);
        }

        await events.RecordAsync(EventSeverity.Info, EventSources.Alerts, $"Webhook alert channel '{name}' removed; alerts already queued for it are dropped at their next attempt.", actor, cancellationToken: cancellationToken);
        return Result<string>.Success(name);
    }
}
