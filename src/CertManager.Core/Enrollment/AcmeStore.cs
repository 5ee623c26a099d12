using System.Security.Cryptography;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Enrollment;

/// <summary>
/// What CertManager keeps for ACME: one account per directory URL with its key encrypted at rest, the orders in
/// progress (so a restart resumes them), and the http-01 answers the console serves while an order is in progress.
/// Keys go in and out only as PKCS#8 bytes, encrypted with the master key under their own purpose.
/// </summary>
public sealed class AcmeStore(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector)
{
    internal const string AccountKeyPurpose = "acme-account-key";
    internal const string CertificateKeyPurpose = "acme-certificate-key";

    public async Task<StoredAcmeAccount?> FindAccountAsync(Uri directoryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.DirectoryUrl == directoryUrl.AbsoluteUri, cancellationToken);
        return entry is null ? null : ToStored(entry);
    }

    public async Task<IReadOnlyList<StoredAcmeAccount>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.AcmeAccounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return entries.Select(ToStored).ToList();
    }

    /// <summary>Keeps the account of a directory, replacing a deactivated one for the same directory.</summary>
    public async Task SaveAccountAsync(Uri directoryUrl, Uri accountUrl, byte[] keyPkcs8, IEnumerable<string> contact, string status, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        ArgumentNullException.ThrowIfNull(accountUrl);
        var encrypted = keyProtector.Protect(keyPkcs8, AccountKeyPurpose);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeAccounts.Where(a => a.DirectoryUrl == directoryUrl.AbsoluteUri).ExecuteDeleteAsync(cancellationToken);
        context.AcmeAccounts.Add(new AcmeAccountEntry
        {
            DirectoryUrl = directoryUrl.AbsoluteUri,
            AccountUrl = accountUrl.AbsoluteUri,
            EncryptedKey = encrypted,
            Contact = string.Join('\n', contact),
            Status = status,
            Created = now,
            CreatedBy = actor,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>After a key rollover (RFC 8555 §7.3.5): the same account, the new key.</summary>
    public async Task<bool> ReplaceAccountKeyAsync(Uri directoryUrl, byte[] keyPkcs8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var encrypted = keyProtector.Protect(keyPkcs8, AccountKeyPurpose);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeAccounts.Where(a => a.DirectoryUrl == directoryUrl.AbsoluteUri)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EncryptedKey, encrypted), cancellationToken) == 1;
    }

    public async Task<bool> SetAccountStatusAsync(Uri directoryUrl, string status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeAccounts.Where(a => a.DirectoryUrl == directoryUrl.AbsoluteUri)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status), cancellationToken) == 1;
    }

    /// <summary>An http-01 answer for the console to serve until <paramref name="expires"/> or removal.</summary>
    public async Task AddHttpTokenAsync(string token, string keyAuthorization, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeHttpTokens.Where(t => t.Token == token).ExecuteDeleteAsync(cancellationToken);
        context.AcmeHttpTokens.Add(new AcmeHttpToken { Token = token, KeyAuthorization = keyAuthorization, Expires = expires });
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveHttpTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeHttpTokens.Where(t => t.Token == token).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The key authorization for a token of an order in progress, or null.</summary>
    public async Task<string?> FindHttpAnswerAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeHttpTokens.AsNoTracking()
            .Where(t => t.Token == token && t.Expires > now)
            .Select(t => t.KeyAuthorization)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AcmeOrderSummary> AddOrderAsync(Uri directoryUrl, IReadOnlyList<string> names, int keySize, string challengeWay, string? replaces, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var entry = new AcmeOrderEntry
        {
            DirectoryUrl = directoryUrl.AbsoluteUri,
            Names = string.Join('\n', names),
            KeySize = keySize,
            ChallengeWay = challengeWay,
            Replaces = replaces,
            Status = AcmeOrderStatus.InProgress,
            Created = now,
            CreatedBy = actor,
            Updated = now,
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // A renewal keeps the install-or-hold choice made for the certificate it renews.
        entry.AutoInstall = await context.AcmeOrders.Where(o => o.Names == entry.Names && o.Status == AcmeOrderStatus.Installed)
            .OrderByDescending(o => o.Id).Select(o => (bool?)o.AutoInstall).FirstOrDefaultAsync(cancellationToken) ?? true;
        context.AcmeOrders.Add(entry);
        await context.SaveChangesAsync(cancellationToken);
        return ToSummary(entry);
    }

    /// <summary>Records a step of an order in progress; the order URL once the CA created it.</summary>
    public async Task RecordStepAsync(long id, string step, Uri? orderUrl, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeOrders.Where(o => o.Id == id && o.Status == AcmeOrderStatus.InProgress).ExecuteUpdateAsync(
            s => s.SetProperty(o => o.LastStep, step).SetProperty(o => o.OrderUrl, o => orderUrl == null ? o.OrderUrl : orderUrl.AbsoluteUri).SetProperty(o => o.Updated, now),
            cancellationToken);
    }

    /// <summary>Keeps the certificate key before finalize, so a restart after finalize can still install.</summary>
    public async Task SaveCertificateKeyAsync(long id, AsymmetricAlgorithm key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            var encrypted = keyProtector.Protect(pkcs8, CertificateKeyPurpose);
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.AcmeOrders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.EncryptedCertificateKey, encrypted), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The certificate key kept for an order, or null; the caller disposes it.</summary>
    public async Task<AsymmetricAlgorithm?> LoadCertificateKeyAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var encrypted = await context.AcmeOrders.Where(o => o.Id == id).Select(o => o.EncryptedCertificateKey).SingleOrDefaultAsync(cancellationToken);
        if (encrypted is null)
        {
            return null;
        }

        var pkcs8 = keyProtector.Unprotect(encrypted, CertificateKeyPurpose);
        try
        {
            return Certificates.PrivateKeys.FromPkcs8(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Ends an order in progress (or a held one) with its outcome; the certificate key is dropped.</summary>
    public async Task<bool> FinishOrderAsync(long id, AcmeOrderStatus status, string outcome, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeOrders.Where(o => o.Id == id && (o.Status == AcmeOrderStatus.InProgress || o.Status == AcmeOrderStatus.Held)).ExecuteUpdateAsync(
            s => s.SetProperty(o => o.Status, status).SetProperty(o => o.Outcome, outcome).SetProperty(o => o.Updated, now)
                .SetProperty(o => o.EncryptedCertificateKey, o => status == AcmeOrderStatus.Held ? o.EncryptedCertificateKey : null),
            cancellationToken) == 1;
    }

    /// <summary>Marks an order installed and the source of the certificate with this fingerprint.</summary>
    public async Task<bool> MarkInstalledAsync(long id, string fingerprint, string outcome, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeOrders.Where(o => o.Id == id && (o.Status == AcmeOrderStatus.InProgress || o.Status == AcmeOrderStatus.Held)).ExecuteUpdateAsync(
            s => s.SetProperty(o => o.Status, AcmeOrderStatus.Installed).SetProperty(o => o.Outcome, outcome).SetProperty(o => o.Updated, now)
                .SetProperty(o => o.CertificateFingerprint, fingerprint).SetProperty(o => o.EncryptedCertificateKey, (byte[]?)null),
            cancellationToken) == 1;
    }

    /// <summary>The installed order that is the source of the certificate with this fingerprint, or null.</summary>
    public async Task<AcmeOrderSummary?> FindSourceAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeOrders.AsNoTracking()
            .Where(o => o.Status == AcmeOrderStatus.Installed && o.CertificateFingerprint == fingerprint)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : ToSummary(entry);
    }

    /// <summary>Records the renewal plan and the last attempt of a certificate's source order.</summary>
    public async Task RecordRenewalAsync(long id, DateTimeOffset nextRenewal, string reason, DateTimeOffset? attempted, string? outcome, int failures, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeOrders.Where(o => o.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(o => o.NextRenewal, nextRenewal).SetProperty(o => o.RenewalReason, reason)
                .SetProperty(o => o.LastRenewalAttempt, o => attempted ?? o.LastRenewalAttempt)
                .SetProperty(o => o.LastRenewalOutcome, o => outcome ?? o.LastRenewalOutcome)
                .SetProperty(o => o.RenewalFailures, failures),
            cancellationToken);
    }

    public async Task SetAutoInstallAsync(long id, bool autoInstall, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.AcmeOrders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AutoInstall, autoInstall), cancellationToken);
    }

    public async Task<AcmeOrderSummary?> GetOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return entry is null ? null : ToSummary(entry);
    }

    /// <summary>Orders still marked in progress (some may have been interrupted by a restart), oldest first.</summary>
    public async Task<IReadOnlyList<AcmeOrderSummary>> ListInProgressAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.AcmeOrders.AsNoTracking().Where(o => o.Status == AcmeOrderStatus.InProgress).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        return entries.Select(ToSummary).ToList();
    }

    /// <summary>
    /// Takes an interrupted order over to resume it: succeeds for one caller only, the one that saw it last updated at
    /// <paramref name="seenUpdated"/> (another console node that claimed it first has changed that).
    /// </summary>
    public async Task<bool> ClaimAsync(long id, DateTimeOffset seenUpdated, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.AcmeOrders.Where(o => o.Id == id && o.Status == AcmeOrderStatus.InProgress && o.Updated == seenUpdated)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Updated, now), cancellationToken) == 1;
    }

    /// <summary>A later order for the same names as <paramref name="source"/> that is still running or held, or null.</summary>
    public async Task<AcmeOrderSummary?> FindOpenRenewalAsync(AcmeOrderSummary source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var names = string.Join('\n', source.Names);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeOrders.AsNoTracking()
            .Where(o => o.Id > source.Id && o.Names == names && (o.Status == AcmeOrderStatus.InProgress || (o.Status == AcmeOrderStatus.Held && o.EncryptedCertificateKey != null)))
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : ToSummary(entry);
    }

    /// <summary>The newest issued certificate waiting for an administrator to install it (its key still kept), or null.</summary>
    public async Task<AcmeOrderSummary?> FindHeldAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.AcmeOrders.AsNoTracking()
            .Where(o => o.Status == AcmeOrderStatus.Held && o.EncryptedCertificateKey != null && o.OrderUrl != null)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : ToSummary(entry);
    }

    /// <summary>The most recent orders, newest first.</summary>
    public async Task<IReadOnlyList<AcmeOrderSummary>> ListOrdersAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.AcmeOrders.AsNoTracking().OrderByDescending(o => o.Id).Take(count).ToListAsync(cancellationToken);
        return entries.Select(ToSummary).ToList();
    }

    private StoredAcmeAccount ToStored(AcmeAccountEntry entry) => new(
        new Uri(entry.DirectoryUrl),
        new Uri(entry.AccountUrl),
        keyProtector.Unprotect(entry.EncryptedKey, AccountKeyPurpose),
        entry.Contact.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        entry.Status,
        entry.Created);

    private static AcmeOrderSummary ToSummary(AcmeOrderEntry entry) => new(
        entry.Id,
        new Uri(entry.DirectoryUrl),
        entry.OrderUrl is null ? null : new Uri(entry.OrderUrl),
        entry.Names.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        entry.KeySize,
        entry.ChallengeWay,
        entry.Replaces,
        entry.Status,
        entry.LastStep,
        entry.Outcome,
        entry.Created,
        entry.CreatedBy,
        entry.Updated)
    {
        CertificateFingerprint = entry.CertificateFingerprint,
        AutoInstall = entry.AutoInstall,
        NextRenewal = entry.NextRenewal,
        RenewalReason = entry.RenewalReason,
        LastRenewalAttempt = entry.LastRenewalAttempt,
        LastRenewalOutcome = entry.LastRenewalOutcome,
        RenewalFailures = entry.RenewalFailures,
    };
}
