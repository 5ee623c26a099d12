using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Expiry;

/// <summary>
/// The expiry check's part for the servers behind this proxy: each active follower's presented certificate, classified
/// like the edge's own, with one unresolved event per follower and certificate whose level is not OK. The expiry of a
/// certificate the edge has itself installed comes from the edge's own version; otherwise from the follower's report.
/// A follower presenting the edge's current certificate is covered by the edge's own event (the same certificate, the
/// same renewal); a follower removed, or now presenting a certificate that is fine, has its event resolved.
/// Only followers whose certificate expires within the warning threshold (or is not known to the edge yet) are read,
/// in batches by id, and each batch's events are written in one transaction, so 10,000 followers stay one query each
/// thousand.
/// </summary>
public sealed class FollowerExpiryCheck(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    CertificateStore store,
    ServerCertificateProvider provider,
    ExpiryClassifier classifier,
    EventRecorder events,
    IOptions<ExpiryOptions> options)
{
    internal const string KeyPrefix = "expiry-follower:";
    private const int BatchSize = 1000;

    /// <summary>Installed versions never change: each is read once per process.</summary>
    private readonly ConcurrentDictionary<string, PresentedCertificate> _versions = new(StringComparer.Ordinal);

    internal async Task<(List<FollowerExpiryFinding> Findings, int Raised, int Resolved)> CheckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = (await events.ListOpenConditionsAsync(KeyPrefix, cancellationToken)).ToDictionary(e => e.ConditionKey, StringComparer.Ordinal);
        var known = EdgeVersions();
        var current = provider.Current;
        var currentFingerprint = current.Origin == CertificateOrigin.SelfSignedDefault ? null : BundleIssuer.Fingerprint(current.Certificate);
        var horizon = now + options.Value.WarningBefore;
        var findings = new List<FollowerExpiryFinding>();
        var (raised, resolved) = (0, 0);
        for (var after = 0L; ;)
        {
            var batch = await ReadBatchAsync(after, horizon, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Id;
            var resolve = new List<long>();
            var raise = new List<EventDraft>();
            foreach (var follower in batch)
            {
                if (string.Equals(follower.Fingerprint, currentFingerprint, StringComparison.OrdinalIgnoreCase)
                    || Presented(follower, known) is not { } presented)
                {
                    continue;
                }

                var level = classifier.Classify(presented.NotAfter, now);
                if (level == ExpiryLevel.Ok)
                {
                    continue;
                }

                var days = CertificateDetailsReader.DaysRemaining(presented.NotAfter, now);
                findings.Add(new FollowerExpiryFinding(follower.Id, follower.Name, presented.Subject, presented.Sha256Fingerprint, presented.NotAfter, days, level));
                var key = string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{follower.Id}:{presented.Sha256Fingerprint.ToUpperInvariant()}");
                var wanted = ExpiryChecker.ToSeverity(level)!.Value;
                if (open.Remove(key, out var existing))
                {
                    if (existing.Severity == wanted)
                    {
                        continue;
                    }

                    resolve.Add(existing.Id);
                }

                raise.Add(Draft(wanted, follower, presented, days, key));
            }

            await events.ResolveAndRaiseAsync(resolve, raise, cancellationToken);
            (raised, resolved) = (raised + raise.Count, resolved + resolve.Count);
        }

        // Left: followers removed, presenting another certificate, or one that is fine again.
        var over = open.Values.Select(e => e.Id).ToList();
        await events.ResolveAndRaiseAsync(over, [], cancellationToken);
        return (findings, raised, resolved + over.Count);
    }

    private async Task<List<FollowerRow>> ReadBatchAsync(long after, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Followers.AsNoTracking()
            .Where(f => f.Id > after && f.Removed == null && f.PresentedFingerprint != null && (f.PresentedNotAfter == null || f.PresentedNotAfter < horizon))
            .OrderBy(f => f.Id)
            .Take(BatchSize)
            .Select(f => new FollowerRow(f.Id, f.Name, f.PresentedFingerprint!, f.PresentedNotAfter, f.PresentedSubject))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The edge's record of a version it has installed, else the follower's own report, else nothing known.</summary>
    private static PresentedCertificate? Presented(FollowerRow follower, Dictionary<string, PresentedCertificate> known) =>
        known.TryGetValue(follower.Fingerprint, out var version) ? version
        : follower.NotAfter is { } notAfter ? new PresentedCertificate(follower.Fingerprint, follower.Subject ?? "(subject not reported)", notAfter)
        : null;

    private Dictionary<string, PresentedCertificate> EdgeVersions()
    {
        var known = new Dictionary<string, PresentedCertificate>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in store.ListInstalledVersions())
        {
            if (!_versions.TryGetValue(version, out var certificate))
            {
                try
                {
                    var (leaf, intermediates) = store.ReadVersionCertificates(version);
                    using (leaf)
                    {
                        foreach (var intermediate in intermediates)
                        {
                            intermediate.Dispose();
                        }

                        certificate = _versions[version] = PresentedCertificate.From(leaf);
                    }
                }
                catch (Exception exception) when (exception is IOException or CryptographicException or ArgumentException)
                {
                    // A damaged version tells nothing; followers presenting it are judged by their own reports.
                    continue;
                }
            }

            known.TryAdd(certificate.Sha256Fingerprint, certificate);
        }

        return known;
    }

    private static EventDraft Draft(EventSeverity severity, FollowerRow follower, PresentedCertificate presented, int days, string key)
    {
        var expiry = presented.NotAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var when = severity == EventSeverity.Major
            ? $"expired on {expiry}"
            : days == 0 ? $"expires today ({expiry})" : $"expires in {days} day(s), on {expiry}";
        var message = $"Server '{follower.Name}' (#{follower.Id}) behind this proxy presents a certificate that {when}: '{presented.Subject}' ({presented.Sha256Fingerprint}).";
        var urgency = severity switch
        {
            EventSeverity.Major => "Clients of that server now refuse its certificate. ",
            EventSeverity.Minor => "Less than a week is left. ",
            _ => string.Empty,
        };
        return new EventDraft(severity, EventSources.Expiry, message, EventRecorder.SystemActor)
        {
            CertificateFingerprint = presented.Sha256Fingerprint,
            ConditionKey = key,
            Advice = urgency + "Open 'Servers behind this proxy' and check why that server has not taken this proxy's current certificate: "
                + "whether it is offline, holds or refused the certificate (its reasons are shown there), or its HTTPS port still serves an older one "
                + "(a failed reload); see 'When a follower falls behind' in the fleet guide.",
        };
    }

    private sealed record FollowerRow(long Id, string Name, string Fingerprint, DateTimeOffset? NotAfter, string? Subject);
}
