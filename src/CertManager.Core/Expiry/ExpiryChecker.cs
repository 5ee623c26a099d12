using System.Globalization;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Expiry;

/// <summary>
/// Compares the presented certificate and every intermediate sent with it against the expiry thresholds, through
/// the same <see cref="ExpiryClassifier"/> as the tab's indicator, and keeps the expiry events in step: exactly one
/// unresolved event per certificate whose level is not OK, at that level. A certificate that stays at its level raises
/// nothing new; a change of level resolves the old event and raises one at the new level; a certificate no longer
/// presented (installed over, uninstalled) has its event resolved. On a proxy with followers, the certificates the
/// servers behind it present are checked the same way (<see cref="FollowerExpiryCheck"/>).
/// </summary>
public sealed partial class ExpiryChecker(
    ServerCertificateProvider provider,
    ExpiryClassifier classifier,
    EventRecorder events,
    FollowerExpiryCheck followers,
    TimeProvider timeProvider,
    ILogger<ExpiryChecker> logger) : IDisposable
{
    private const string KeyPrefix = "expiry:";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<ExpiryCheckResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CheckOnceAsync(provider.Current, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ExpiryCheckResult> CheckOnceAsync(ServerCertificate presented, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var checkedCertificates = new[] { (Certificate: presented.Certificate, IsIntermediate: false) }
            .Concat(presented.Intermediates.Select(c => (Certificate: c, IsIntermediate: true)))
            .Select(c => (c.IsIntermediate, Facts: CertificateFacts.From(c.Certificate)))
            .DistinctBy(c => c.Facts.Sha256Fingerprint)
            .ToList();
        var active = (await events.ListUnresolvedConditionsAsync(KeyPrefix, cancellationToken)).ToDictionary(e => e.ConditionKey!, StringComparer.Ordinal);

        var findings = new List<ExpiryFinding>();
        var resolve = new List<long>();
        var raise = new List<EventDraft>();
        foreach (var (isIntermediate, facts) in checkedCertificates)
        {
            var level = classifier.Classify(facts.NotAfter, now);
            var days = CertificateDetailsReader.DaysRemaining(facts.NotAfter, now);
            findings.Add(new ExpiryFinding(facts.Subject, facts.Sha256Fingerprint, facts.NotAfter, days, level, isIntermediate));
            var key = KeyPrefix + facts.Sha256Fingerprint;
            var wanted = ToSeverity(level);
            if (active.Remove(key, out var existing))
            {
                if (existing.Severity == wanted)
                {
                    continue;
                }

                resolve.Add(existing.Id);
            }

            if (wanted is { } severity)
            {
                raise.Add(Draft(severity, facts, days, isIntermediate, presented.Origin, key));
            }
        }

        // What is left is about certificates no longer presented: the condition is over.
        resolve.AddRange(active.Values.Select(e => e.Id));
        await events.ResolveAndRaiseAsync(resolve, raise, cancellationToken);
        var behind = await followers.CheckAsync(now, cancellationToken);
        var (raised, resolved) = (raise.Count + behind.Raised, resolve.Count + behind.Resolved);
        if (raised > 0 || resolved > 0)
        {
            LogChecked(logger, checkedCertificates.Count, behind.Findings.Count, raised, resolved);
        }

        return new ExpiryCheckResult(findings, raised, resolved) { Followers = behind.Findings };
    }

    internal static EventSeverity? ToSeverity(ExpiryLevel level) => level switch
    {
        ExpiryLevel.Major => EventSeverity.Major,
        ExpiryLevel.Minor => EventSeverity.Minor,
        ExpiryLevel.Warning => EventSeverity.Warning,
        _ => null,
    };

    private static EventDraft Draft(EventSeverity severity, CertificateFacts facts, int days, bool isIntermediate, CertificateOrigin origin, string key)
    {
        var what = isIntermediate
            ? $"Intermediate certificate '{facts.Subject}' in the chain of the presented certificate"
            : origin == CertificateOrigin.SelfSignedDefault
                ? $"The console's self-signed default certificate '{facts.Subject}'"
                : $"The presented certificate '{facts.Subject}'";
        var expiry = facts.NotAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var when = severity == EventSeverity.Major
            ? $"expired on {expiry}"
            : days == 0 ? $"expires today ({expiry})" : $"expires in {days} day(s), on {expiry}";
        return new EventDraft(severity, EventSources.Expiry, $"{what} {when}.", EventRecorder.SystemActor)
        {
            Certificate = facts,
            ConditionKey = key,
            Advice = Advice(severity, isIntermediate, origin),
        };
    }

    private static string Advice(EventSeverity severity, bool isIntermediate, CertificateOrigin origin)
    {
        var action = isIntermediate
            ? "Install the server certificate again with the CA's current intermediate certificate (Security > Web Server > Upload and install)."
            : origin == CertificateOrigin.SelfSignedDefault
                ? "Install a certificate from your CA: Security > Web Server > Generate a CSR, have the CA sign it, then Upload and install."
                : "Renew the certificate: Security > Web Server > Generate a CSR, have the CA sign it, then Upload and install.";
        return severity switch
        {
            EventSeverity.Major => "Browsers and clients now refuse this certificate. " + action,
            EventSeverity.Minor => "Less than a week is left: renew now. " + action,
            _ => "Plan the renewal within the next days. " + action,
        };
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Expiry check of {Count} certificate(s) and {Followers} follower(s) near expiry: {Raised} event(s) raised, {Resolved} resolved")]
    private static partial void LogChecked(ILogger logger, int count, int followers, int raised, int resolved);
}
