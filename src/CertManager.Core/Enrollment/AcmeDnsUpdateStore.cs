using System.Security.Cryptography;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Enrollment;

/// <summary>Keeps the RFC 2136 dynamic update settings for dns-01 (one row), the TSIG secret encrypted with the master key.</summary>
public sealed class AcmeDnsUpdateStore(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector)
{
    internal const string SecretPurpose = "acme-tsig-secret";

    /// <summary>The saved settings with the secret decrypted, or null when none are saved.</summary>
    public async Task<AcmeDnsUpdateSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeDnsUpdates.AsNoTracking().OrderBy(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return entry is null
            ? null
            : new AcmeDnsUpdateSettings(entry.Server, entry.Port, entry.Zone, entry.KeyName, entry.Algorithm, keyProtector.Unprotect(entry.EncryptedSecret, SecretPurpose))
            {
                Updated = entry.Updated,
                UpdatedBy = entry.UpdatedBy,
            };
    }

    /// <summary>Replaces the saved settings; the secret is encrypted before it reaches the database.</summary>
    public async Task SaveAsync(AcmeDnsUpdateSettings settings, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var encrypted = keyProtector.Protect(settings.Secret, SecretPurpose);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeDnsUpdates.ExecuteDeleteAsync(cancellationToken);
        context.AcmeDnsUpdates.Add(new AcmeDnsUpdateEntry
        {
            Server = settings.Server,
            Port = settings.Port,
            Zone = settings.Zone,
            KeyName = settings.KeyName,
            Algorithm = settings.Algorithm,
            EncryptedSecret = encrypted,
            Updated = now,
            UpdatedBy = actor,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeDnsUpdates.ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Wipes a decoded secret once it is no longer needed.</summary>
    public static void Forget(AcmeDnsUpdateSettings? settings)
    {
        if (settings is not null)
        {
            CryptographicOperations.ZeroMemory(settings.Secret);
        }
    }
}
