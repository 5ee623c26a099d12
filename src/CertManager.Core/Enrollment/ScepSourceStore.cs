using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Enrollment;

/// <summary>Keeps where each certificate installed over SCEP came from, for its re-enrollment (RFC 8894 §3.3.1.2).</summary>
public sealed class ScepSourceStore(IDbContextFactory<CertManagerDbContext> contextFactory)
{
    /// <summary>Records that the installed certificate with <paramref name="fingerprint"/> came from this SCEP CA.</summary>
    public Task<ScepSource> AddAsync(Uri endpointUrl, byte[] caCertificates, IReadOnlyList<string> names, int keySize, string fingerprint, string actor, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        AddAsync(endpointUrl, caCertificates, names, keySize, fingerprint, autoInstall: true, actor, now, cancellationToken);

    /// <summary>As above, with the renewal policy carried over from the certificate this one renews.</summary>
    public async Task<ScepSource> AddAsync(Uri endpointUrl, byte[] caCertificates, IReadOnlyList<string> names, int keySize, string fingerprint, bool autoInstall, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointUrl);
        var entry = new ScepSourceEntry
        {
            EndpointUrl = endpointUrl.AbsoluteUri,
            CaCertificates = caCertificates,
            Names = string.Join('\n', names),
            KeySize = keySize,
            CertificateFingerprint = fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant(),
            Created = now,
            CreatedBy = actor,
            HoldRenewals = !autoInstall,
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.ScepSources.Add(entry);
        await context.SaveChangesAsync(cancellationToken);
        return ToSource(entry);
    }

    /// <summary>The source of the certificate with this SHA-256 fingerprint (hex, no colons), or null.</summary>
    public async Task<ScepSource?> FindAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        var normalized = fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.ScepSources.AsNoTracking().Where(s => s.CertificateFingerprint == normalized).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : ToSource(entry);
    }

    /// <summary>The source with this id, or null.</summary>
    public async Task<ScepSource?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.ScepSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return entry is null ? null : ToSource(entry);
    }

    /// <summary>Whether renewals of this certificate install by themselves (when the chain doctor has nothing to say) or wait for an administrator.</summary>
    public async Task SetAutoInstallAsync(long id, bool autoInstall, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.ScepSources.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.HoldRenewals, !autoInstall), cancellationToken);
    }

    /// <summary>Records the renewal plan and the last attempt.</summary>
    public async Task RecordRenewalAsync(long id, DateTimeOffset nextRenewal, string reason, DateTimeOffset? attempted, string? outcome, int failures, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.ScepSources.Where(s => s.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.NextRenewal, nextRenewal).SetProperty(e => e.RenewalReason, reason)
                .SetProperty(e => e.LastRenewalAttempt, e => attempted ?? e.LastRenewalAttempt)
                .SetProperty(e => e.LastRenewalOutcome, e => outcome ?? e.LastRenewalOutcome)
                .SetProperty(e => e.RenewalFailures, failures),
            cancellationToken);
    }

    private static ScepSource ToSource(ScepSourceEntry entry) => new(
        entry.Id,
        new Uri(entry.EndpointUrl),
        entry.CaCertificates,
        entry.Names.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        entry.KeySize,
        entry.CertificateFingerprint,
        entry.Created)
    {
        NextRenewal = entry.NextRenewal,
        RenewalReason = entry.RenewalReason,
        LastRenewalAttempt = entry.LastRenewalAttempt,
        LastRenewalOutcome = entry.LastRenewalOutcome,
        RenewalFailures = entry.RenewalFailures,
        AutoInstall = !entry.HoldRenewals,
    };
}
