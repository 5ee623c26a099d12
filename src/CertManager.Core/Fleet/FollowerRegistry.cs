using CertManager.Core.Certificates;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: the servers that follow it. Administrators rename and remove them and set what a follower does with
/// warnings; a removed follower's requests are refused from then on. Followers' reports land here.
/// </summary>
public sealed class FollowerRegistry(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    ServerCertificateProvider provider,
    CertificateStore store,
    EventRecorder events,
    FleetWriteBatcher writes,
    TimeProvider timeProvider)
{
    /// <summary>Raised in this process after a follower changed (paired, reported, removed), for the page.</summary>
    public event Action? Changed;

    /// <summary>Tells the page a follower was added elsewhere in this process (a pairing).</summary>
    internal void NotifyChanged() => Changed?.Invoke();

    public async Task<IReadOnlyList<FollowerSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.Followers.AsNoTracking().Where(f => f.Removed == null).OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return entries.Select(ToSummary).ToList();
    }

    public async Task<Result<FollowerSummary>> RenameAsync(long id, string name, string actor, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FleetErrors.MaxNameLength)
        {
            return FleetErrors.NameInvalid;
        }

        return await UpdateAsync(id, follower => follower.Name = trimmed, old => $"Server '{old}' (#{id}) renamed to '{trimmed}'.", actor, cancellationToken);
    }

    public Task<Result<FollowerSummary>> SetInstallWithWarningsAsync(long id, bool install, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            id,
            follower => follower.InstallWithWarnings = install,
            old => install ? $"Server '{old}' (#{id}) now installs certificates with warnings." : $"Server '{old}' (#{id}) now holds certificates with warnings for its administrator.",
            actor,
            cancellationToken);

    /// <summary>Removes a follower: it gets nothing more, and its registered keys are forgotten for good.</summary>
    public Task<Result<FollowerSummary>> RemoveAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            id,
            follower =>
            {
                follower.Removed = timeProvider.GetUtcNow();
                follower.RemovedBy = actor;
            },
            old => $"Server '{old}' (#{id}) removed: it receives no more certificates or keys.",
            actor,
            cancellationToken);

    /// <summary>
    /// The follower that may make requests, or null when unknown or removed. Read in the <see cref="FleetWriteBatcher"/>'s
    /// sequence with the fleet's writes, not beside them: hundreds of requests reading at once kept its commits waiting
    /// for SQLite's lock.
    /// </summary>
    internal Task<FollowerEntry?> FindActiveAsync(long id, CancellationToken cancellationToken = default) =>
        writes.WriteAsync((context, token) => context.Followers.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.Removed == null, token), cancellationToken);

    /// <summary>Records a delivery of the certificate and its key, with its audit event, in one commit.</summary>
    internal async Task RecordDeliveryAsync(long id, string fingerprint, EventDraft audit, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        // Prepared before the write: the fleet's writes run one after another, and this reads the alert settings.
        var addEvent = await events.PrepareAsync(audit, cancellationToken);
        await writes.WriteAsync(
            async (context, token) =>
            {
                // A new version makes the follower "updating"; the same one offered again (after a hold or refusal) keeps
                // its state, so its report raises an event only when something changed.
                await context.Followers.Where(f => f.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(f => f.State, f => f.DeliveredFingerprint == fingerprint ? f.State : FollowerState.Updating)
                        .SetProperty(f => f.DeliveredFingerprint, fingerprint).SetProperty(f => f.Delivered, now),
                    token);
                addEvent(context);
                return true;
            },
            cancellationToken);
        events.NotifyRecorded();
        Changed?.Invoke();
    }

    /// <summary>
    /// Keeps a follower's report; a refusal or a hold is an event with its reasons (and so an alert). What the follower
    /// presents, with its expiry, is checked by the <see cref="Expiry.ExpiryChecker"/>.
    /// </summary>
    public async Task RecordReportAsync(long id, FollowerReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = timeProvider.GetUtcNow();
        var problems = string.Join('\n', (report.Problems ?? []).Take(20).Select(p => $"{Clip(p.Code, 64)}: {Clip(p.Message, 500)}"));
        var state = Believed(report);
        var presented = Clip(report.PresentedFingerprint, 95);
        var installedAt = presented is null ? null : InstalledAt(presented);
        var warning = await writes.WriteAsync(
            async (context, token) =>
            {
                var follower = await context.Followers.SingleOrDefaultAsync(f => f.Id == id, token);
                if (follower is null)
                {
                    return null;
                }

                var changedState = follower.State != state || follower.Problems != problems;
                if (installedAt is { } installed && !string.Equals(presented, follower.PresentedFingerprint, StringComparison.OrdinalIgnoreCase))
                {
                    follower.LastTake = now - installed;
                }

                follower.InstalledFingerprint = Clip(report.InstalledFingerprint, 95);
                follower.PresentedFingerprint = presented;
                // As the follower read it from its own port; the expiry check prefers the edge's record of a version it has.
                follower.PresentedNotAfter = presented is null ? null : report.PresentedNotAfter;
                follower.PresentedSubject = presented is null ? null : Clip(report.PresentedSubject, FollowerReport.MaxSubjectLength);
                follower.State = state;
                follower.Problems = problems.Length == 0 ? null : problems;
                follower.Reported = now;
                follower.LastContact = now;
                if (!changedState || state is not (FollowerState.Refused or FollowerState.Held))
                {
                    return null;
                }

                var verb = state == FollowerState.Refused ? "refused" : "is holding";
                return new EventDraft(EventSeverity.Warning, EventSources.Fleet, $"Server '{follower.Name}' (#{id}) {verb} the certificate {follower.DeliveredFingerprint}: {problems.Replace('\n', ' ')}", EventRecorder.SystemActor)
                {
                    Advice = "Open 'Servers behind this proxy' on the proxy console to read the reasons, and fix the certificate or the server.",
                };
            },
            cancellationToken);
        if (warning is not null)
        {
            // Rare (a follower's state changed to refused or held): recorded by itself, after the report.
            await events.RecordAsync(warning, cancellationToken);
        }

        Changed?.Invoke();
    }

    private async Task<Result<FollowerSummary>> UpdateAsync(long id, Action<FollowerEntry> change, Func<string, string> message, string actor, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var follower = await context.Followers.SingleOrDefaultAsync(f => f.Id == id && f.Removed == null, cancellationToken);
        if (follower is null)
        {
            return FleetErrors.FollowerNotFound;
        }

        var oldName = follower.Name;
        change(follower);
        await context.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSources.Fleet, message(oldName), actor, cancellationToken: cancellationToken);
        Changed?.Invoke();
        return Result<FollowerSummary>.Success(ToSummary(follower));
    }

    /// <summary>
    /// The state the edge records. A follower says "in sync" after a poll that brought nothing newer, and that answer
    /// (204) carries no signature: someone between the two could drop every bundle and relay the follower's signed
    /// reports. So "in sync" is believed only for the certificate the edge shares now; otherwise the follower is still
    /// updating, and falls behind (an event) after <see cref="FleetOptions.BehindAfter"/>.
    /// </summary>
    private FollowerState Believed(FollowerReport report)
    {
        var current = provider.Current;
        return report.State == FollowerState.InSync && current.Origin != CertificateOrigin.SelfSignedDefault
            && !string.Equals(report.InstalledFingerprint, BundleIssuer.Fingerprint(current.Certificate), StringComparison.OrdinalIgnoreCase)
            ? FollowerState.Updating
            : report.State;
    }

    /// <summary>When the certificate with <paramref name="fingerprint"/> was installed here, if it is the one the edge presents now.</summary>
    private DateTimeOffset? InstalledAt(string fingerprint)
    {
        var current = provider.Current;
        return current.Origin != CertificateOrigin.SelfSignedDefault && string.Equals(BundleIssuer.Fingerprint(current.Certificate), fingerprint, StringComparison.OrdinalIgnoreCase)
            ? store.ReadProvenance(current.Version)?.InstalledAt
            : null;
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private static FollowerSummary ToSummary(FollowerEntry f) => new(
        f.Id,
        f.Name,
        f.Paired,
        f.PairedBy,
        f.InstallWithWarnings,
        f.LastContact,
        f.LastAddress,
        f.DeliveredFingerprint,
        f.Delivered,
        f.InstalledFingerprint,
        f.PresentedFingerprint,
        f.State,
        (f.Problems ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries),
        f.Reported,
        f.LastTake,
        f.PresentedNotAfter);
}
