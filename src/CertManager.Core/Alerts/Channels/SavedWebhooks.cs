using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Alerts.Channels;

/// <summary>
/// Reads the webhooks saved in the console, decrypting their URL and secret for delivery. Apart from
/// <see cref="WebhookChannelStore"/> (which records events) because the alert settings, and through them the event
/// recorder's outbox, need the list.
/// </summary>
public sealed class SavedWebhooks(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector)
{
    internal const string UrlPurpose = "webhook-url";
    internal const string SecretPurpose = "webhook-secret";

    public async Task<IReadOnlyList<WebhookConfiguration>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.WebhookChannels.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        return [.. entries.Select(e => new WebhookConfiguration
        {
            Name = e.Name,
            Url = Decrypt(e.ProtectedUrl, UrlPurpose),
            Format = e.Format,
            Secret = e.ProtectedSecret is null ? null : Decrypt(e.ProtectedSecret, SecretPurpose),
            MinimumSeverity = e.MinimumSeverity,
            SavedInConsole = true,
        })];
    }

    internal byte[] Encrypt(string value, string purpose) => keyProtector.Protect(Encoding.UTF8.GetBytes(value), purpose);

    private string Decrypt(byte[] protectedValue, string purpose)
    {
        var plain = keyProtector.Unprotect(protectedValue, purpose);
        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
