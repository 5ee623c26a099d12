using System.Text;
using CertManager.Core.Alerts.Channels;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using MimeKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Alerts;

/// <summary>Reads the SMTP settings in effect (configuration over the saved row) and saves the page's values, the password encrypted.</summary>
public sealed class AlertSettingsStore(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector, IOptions<AlertOptions> options, SavedWebhooks webhooks, DatabaseReadCache cache, TimeProvider timeProvider)
{
    private const string PasswordPurpose = "smtp-password";

    public Task<AlertSettings> GetEffectiveAsync(CancellationToken cancellationToken = default) =>
        GetEffectiveAsync(includePassword: true, cancellationToken);

    /// <summary>
    /// The settings in effect; without <paramref name="includePassword"/> the stored password is not decrypted (the
    /// event recorder only needs to know whether alerts are configured, on every event).
    /// </summary>
    /// <remarks>
    /// Without the password the settings are kept until the next commit (<see cref="DatabaseReadCache"/>): every recorded
    /// event and every view of the alert settings page read them. The decrypted password is never kept.
    /// </remarks>
    public Task<AlertSettings> GetEffectiveAsync(bool includePassword, CancellationToken cancellationToken = default) =>
        includePassword
            ? ReadEffectiveAsync(includePassword: true, cancellationToken)
            : cache.GetAsync("alert-settings", token => ReadEffectiveAsync(includePassword: false, token), cancellationToken);

    private async Task<AlertSettings> ReadEffectiveAsync(bool includePassword, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var saved = await context.AlertSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new AlertSettingsEntry();
        var configured = options.Value.Smtp;
        var fromConfiguration = new HashSet<string>(StringComparer.Ordinal);

        string? PickText(string field, string? fromConfig, string? stored)
        {
            if (string.IsNullOrWhiteSpace(fromConfig))
            {
                return stored;
            }

            fromConfiguration.Add(field);
            return fromConfig.Trim();
        }

        T PickValue<T>(string field, T? fromConfig, T stored)
            where T : struct
        {
            if (fromConfig is not { } value)
            {
                return stored;
            }

            fromConfiguration.Add(field);
            return value;
        }

        // A password is taken as it is: spaces may be part of it.
        var hasPassword = !string.IsNullOrEmpty(configured.Password) || saved.ProtectedPassword is not null;
        var password = !includePassword
            ? null
            : string.IsNullOrEmpty(configured.Password)
                ? (saved.ProtectedPassword is null ? null : Decrypt(saved.ProtectedPassword))
                : configured.Password;
        if (!string.IsNullOrEmpty(configured.Password))
        {
            fromConfiguration.Add(nameof(AlertSettings.HasPassword));
        }

        return new AlertSettings(
            PickText(nameof(AlertSettings.Host), configured.Host, saved.Host),
            PickValue(nameof(AlertSettings.Port), configured.Port, saved.Port),
            PickValue(nameof(AlertSettings.Security), configured.Security, saved.Security),
            PickText(nameof(AlertSettings.UserName), configured.UserName, saved.UserName),
            hasPassword,
            PickText(nameof(AlertSettings.Sender), configured.Sender, saved.Sender),
            AlertSettings.ParseRecipients(PickText(nameof(AlertSettings.Recipients), configured.Recipients, saved.Recipients)),
            PickValue(nameof(AlertSettings.MinimumSeverity), configured.MinimumSeverity, saved.MinimumSeverity),
            fromConfiguration)
        {
            Password = password,
            Webhooks = [.. options.Value.Webhooks, .. await webhooks.ListAsync(cancellationToken)],
        };
    }

    /// <summary>Validates and saves the page's values; values configuration supplies are saved too but stay overridden.</summary>
    public async Task<Result<AlertSettings>> SaveAsync(AlertSettingsInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = Validate(input);
        if (problems.Count > 0)
        {
            return Result<AlertSettings>.Failure(problems);
        }

        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var entry = await context.AlertSettings.SingleOrDefaultAsync(cancellationToken);
            if (entry is null)
            {
                entry = new AlertSettingsEntry();
                context.AlertSettings.Add(entry);
            }

            // The stored password belongs to the server it was entered for: a new host must not receive it
            // (e.g. by "Send test email" to a server of someone's own).
            var hostChanged = !string.Equals(entry.Host, Blank(input.Host), StringComparison.OrdinalIgnoreCase);
            entry.Host = Blank(input.Host);
            entry.Port = input.Port;
            entry.Security = input.Security;
            entry.UserName = Blank(input.UserName);
            entry.Sender = Blank(input.Sender);
            entry.Recipients = string.Join(", ", AlertSettings.ParseRecipients(input.Recipients));
            entry.MinimumSeverity = input.MinimumSeverity;
            if (input.ClearPassword || (hostChanged && string.IsNullOrEmpty(input.NewPassword)))
            {
                entry.ProtectedPassword = null;
            }
            else if (!string.IsNullOrEmpty(input.NewPassword))
            {
                entry.ProtectedPassword = keyProtector.Protect(Encoding.UTF8.GetBytes(input.NewPassword), PasswordPurpose);
            }

            entry.UpdatedBy = actor;
            entry.UpdatedAt = timeProvider.GetUtcNow();
            await context.SaveChangesAsync(cancellationToken);
        }

        return Result<AlertSettings>.Success(await GetEffectiveAsync(cancellationToken));
    }

    private List<Problem> Validate(AlertSettingsInput input)
    {
        var problems = new List<Problem>();
        var configured = options.Value.Smtp;
        // A password from configuration must only ever go to the server configuration names: otherwise an
        // administrator could point the page at a server of their own and send a test email to collect it.
        if (!string.IsNullOrEmpty(configured.Password) && string.IsNullOrWhiteSpace(configured.Host) && !string.IsNullOrWhiteSpace(input.Host))
        {
            problems.Add(AlertErrors.HostLockedByConfiguredPassword);
        }

        // RFC 8314 section 3: credentials only over TLS.
        var security = configured.Security ?? input.Security;
        if (security == SmtpSecurity.None && (Blank(configured.UserName) ?? Blank(input.UserName)) is not null)
        {
            problems.Add(AlertErrors.CredentialsNeedTls);
        }

        if (input.Port is < 1 or > 65535)
        {
            problems.Add(AlertErrors.PortOutOfRange(input.Port));
        }

        if (Blank(input.Sender) is { } sender && !IsAddress(sender))
        {
            problems.Add(AlertErrors.AddressInvalid("sender", sender));
        }

        problems.AddRange(AlertSettings.ParseRecipients(input.Recipients).Where(r => !IsAddress(r)).Select(r => AlertErrors.AddressInvalid("recipient", r)));
        return problems;
    }

    internal static bool IsAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private string Decrypt(byte[] protectedPassword)
    {
        var bytes = keyProtector.Unprotect(protectedPassword, PasswordPurpose);
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
