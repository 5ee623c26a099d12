using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Metrics;
using CertManager.Core.Renewal;
using CertManager.Core.Results;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;
using Microsoft.Extensions.Options;

namespace CertManager.Scep.Renewal;

/// <summary>
/// Renews the presented certificate when it was installed from a SCEP enrollment: at two thirds of its lifetime (or
/// <see cref="ScepRenewalOptions.DaysBeforeExpiry"/>), by re-enrollment (RFC 8894 §3.3.1.2, a RenewalReq signed with
/// the current certificate and key) at the same CA for the same names with a fresh key. The CA's certificates must
/// still be the ones confirmed at enrollment. The renewed certificate follows the same rule as an ACME renewal
/// (<see cref="RenewalHold"/>): it installs when the certificate is set to install automatically and the chain doctor
/// has nothing to say, otherwise it is held as an issued SCEP transaction for an administrator. A CA that puts the
/// renewal on hold (PENDING) gets it kept and polled by <see cref="ScepTransactionPoller"/>. The enrollment password is
/// never kept, so a CA that wants one for renewals is reported with what to do. Failures back off like ACME's.
/// </summary>
public sealed class ScepRenewalService(
    ScepClient client,
    ScepSourceStore sources,
    ScepTransactionStore transactions,
    CertificateHandoff handoff,
    ServerCertificateProvider certificates,
    EventRecorder events,
    IOptions<ScepRenewalOptions> options,
    IOptions<ScepPollingOptions> polling,
    TimeProvider timeProvider)
{
    private const string EventSource = "scep";

    /// <summary>The presented certificate's SCEP source and when it is renewed, or null when it did not come from SCEP.</summary>
    public async Task<ScepRenewalPlan?> PlanAsync(CancellationToken cancellationToken = default)
    {
        var presented = certificates.Current.Certificate;
        var source = await sources.FindAsync(presented.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
        if (source is null)
        {
            return null;
        }

        if (await transactions.FindOpenRenewalAsync(source.Id, cancellationToken) is { } open)
        {
            var waiting = open.Status == ScepTransactionStatus.Pending
                ? $"renewal transaction #{open.Id} is waiting for approval by the CA administrator"
                : $"renewal transaction #{open.Id} is issued and held for an administrator: install it on the Web Server tab";
            return new ScepRenewalPlan(source, new RenewalDecision(source.NextRenewal ?? timeProvider.GetUtcNow(), waiting)) { Open = open };
        }

        if (source.NextRenewal is { } next && source.RenewalFailures > 0)
        {
            return new ScepRenewalPlan(source, new RenewalDecision(next, source.RenewalReason ?? "retry after a failed renewal"));
        }

        var notAfter = presented.NotAfter.ToUniversalTime();
        var days = options.Value.DaysBeforeExpiry;
        var decision = days > 0
            ? new RenewalDecision(notAfter.AddDays(-days), $"{days} days before it expires on {notAfter:yyyy-MM-dd}")
            : RenewalSchedule.TwoThirds(presented.NotBefore.ToUniversalTime(), notAfter);
        await sources.RecordRenewalAsync(source.Id, decision.DueAt, decision.Reason, null, null, 0, cancellationToken);
        return new ScepRenewalPlan(source with { NextRenewal = decision.DueAt, RenewalReason = decision.Reason }, decision);
    }

    /// <summary>The job's work: renews when the plan says it is time and no renewal is open. Returns whether a renewal was attempted.</summary>
    public async Task<bool> RenewIfDueAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken);
        if (plan is null || plan.Open is not null || plan.Decision.DueAt > timeProvider.GetUtcNow())
        {
            return false;
        }

        await RenewAsync(plan, EventRecorder.SystemActor, cancellationToken);
        return true;
    }

    /// <summary>"Renew now": a renewal whatever the plan says, unless one is already open.</summary>
    public async Task<Result<RenewalOutcome>> RenewNowAsync(string actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken);
        return plan switch
        {
            null => ScepErrors.NotScepCertificate,
            { Open: { } open } => ScepErrors.RenewalOpen(open.Id),
            _ => await RenewAsync(plan, actor, cancellationToken),
        };
    }

    private async Task<Result<RenewalOutcome>> RenewAsync(ScepRenewalPlan plan, string actor, CancellationToken cancellationToken)
    {
        var source = plan.Source;
        var now = timeProvider.GetUtcNow();
        var contact = await ContactConfirmedCaAsync(source, cancellationToken);
        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = source.Names[0], AlternateNames = [.. source.Names.Skip(1)], KeySize = source.KeySize });
        if (!contact.Succeeded || !request.Succeeded)
        {
            return await FailedAsync(source, [.. contact.Problems, .. request.Problems], now, actor, cancellationToken);
        }

        var current = certificates.Current.Certificate;
        using var currentKey = current.GetRSAPrivateKey();
        if (currentKey is null)
        {
            return await FailedAsync(source, [Problem.Error("scep.renewal-key-not-rsa", "The presented certificate's key is not RSA, which SCEP needs to sign the renewal request.", "Enroll again from the SCEP page.")], now, actor, cancellationToken);
        }

        var ca = contact.Value;
        using var newKey = await Task.Run(() => RSA.Create(source.KeySize), cancellationToken);
        var hash = ca.Algorithms.DigestName == "SHA-512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var csr = ScepCsr.Create(newKey, request.Value, challenge: null, hash);
        var reply = await client.RenewAsync(ca, current, currentKey, newKey, csr, cancellationToken);
        ConsoleMetrics.EnrollmentFinished("scep", !reply.Succeeded ? "failed" : reply.Value.Status == PkiStatus.Pending ? "pending" : "issued");
        if (!reply.Succeeded)
        {
            return await FailedAsync(source, reply.Problems, now, actor, cancellationToken);
        }

        var kept = ScepTransactionDraft.Create(ca, reply.Value, csr, ScepCsr.Subject(request.Value).Name, source.Id);
        if (reply.Value.Status == PkiStatus.Pending)
        {
            var pending = await transactions.AddAsync(kept, newKey, actor, now, now + polling.Value.Delay(0), cancellationToken);
            var waiting = $"Renewal requested; the CA put it on hold for its administrator (PENDING, transaction #{pending.Id}). CertManager asks the CA again until it is issued or refused.";
            await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, source.RenewalReason ?? plan.Decision.Reason, now, waiting, 0, cancellationToken);
            await events.RecordAsync(EventSeverity.Info, EventSource, $"Renewal of the certificate for {string.Join(", ", source.Names)} at {source.EndpointUrl.Authority}: {waiting}", actor, null, cancellationToken);
            return Result<RenewalOutcome>.Success(new RenewalOutcome(waiting, false, pending.Id) { Pending = true });
        }

        var issued = reply.Value.Issued!;
        var chain = ca.Certificates.Certificates
            .Concat(reply.Value.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)))
            .DistinctBy(c => c.Thumbprint)
            .ToList();
        using var material = ImportedMaterial.FromEnrollment(issued, chain, newKey, new EnrollmentSource(EnrollmentKind.Scep, source.EndpointUrl.Authority));
        using var examination = await handoff.ExamineAsync(material, cancellationToken);
        var reasons = CertificateHandoff.ReasonsToHold(examination);
        if (RenewalHold.Why(source.AutoInstall, reasons) is { } why)
        {
            var outcome = RenewalHold.Outcome(why);
            var certificatesIssued = new[] { issued.RawData }.Concat(reply.Value.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)).Select(c => c.RawData));
            var held = await transactions.AddIssuedAsync(kept, newKey, certificatesIssued, outcome, actor, now, cancellationToken);
            await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, source.RenewalReason ?? plan.Decision.Reason, now, outcome, 0, cancellationToken);
            await events.RecordAsync(EventSeverity.Warning, EventSource, RenewalHold.EventText(source.Names, why), actor, issued.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
            return Result<RenewalOutcome>.Success(new RenewalOutcome(outcome, false, held.Id) { HeldFor = reasons });
        }

        var installed = await handoff.InstallAsync(examination, warningsConfirmed: true, actor, cancellationToken);
        if (!installed.Succeeded)
        {
            return await FailedAsync(source, installed.Problems, now, actor, cancellationToken);
        }

        var done = $"Renewed over SCEP and installed as version {installed.Value.Version} ({plan.Decision.Reason}).";
        await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, plan.Decision.Reason, now, done, 0, cancellationToken);
        await sources.AddAsync(source.EndpointUrl, source.CaCertificates, source.Names, source.KeySize, installed.Value.Sha256Fingerprint, source.AutoInstall, actor, now, cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSource, $"Certificate for {string.Join(", ", source.Names)} renewed over SCEP at {source.EndpointUrl.Authority} and installed as version {installed.Value.Version}.", actor, installed.Value.Sha256Fingerprint, cancellationToken);
        return Result<RenewalOutcome>.Success(new RenewalOutcome(done, true, 0));
    }

    /// <summary>
    /// For <see cref="ScepTransactionPoller"/>: the presented certificate's key when it is the certificate that signed
    /// a renewal (its CertPolls are signed with it, RFC 8894 §3.3.3), else null.
    /// </summary>
    public RSA? SigningKeyFor(byte[] signerCertificate)
    {
        var current = certificates.Current.Certificate;
        return current.RawData.AsSpan().SequenceEqual(signerCertificate) ? current.GetRSAPrivateKey() : null;
    }

    /// <summary>For the poller: a renewal issued after PENDING was installed; the new certificate keeps the source and its policy.</summary>
    public async Task RecordInstalledAsync(long sourceId, long transactionId, InstalledCertificate installed, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installed);
        if (await sources.GetAsync(sourceId, cancellationToken) is not { } source)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var done = $"Renewed over SCEP and installed as version {installed.Version} (transaction #{transactionId}).";
        await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, source.RenewalReason ?? "renewal", now, done, 0, cancellationToken);
        await sources.AddAsync(source.EndpointUrl, source.CaCertificates, source.Names, source.KeySize, installed.Sha256Fingerprint, source.AutoInstall, actor, now, cancellationToken);
    }

    /// <summary>For the poller: a renewal issued after PENDING is held for an administrator, for <paramref name="why"/>.</summary>
    public async Task RecordHeldAsync(long sourceId, string why, CancellationToken cancellationToken = default)
    {
        if (await sources.GetAsync(sourceId, cancellationToken) is { } source)
        {
            var now = timeProvider.GetUtcNow();
            await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, source.RenewalReason ?? "renewal", now, RenewalHold.Outcome(why), 0, cancellationToken);
        }
    }

    /// <summary>For the poller: a renewal the CA refused after PENDING, or given up, is a failed attempt with the usual back-off.</summary>
    public async Task RecordFailedAsync(long sourceId, Problem problem, CancellationToken cancellationToken = default)
    {
        if (await sources.GetAsync(sourceId, cancellationToken) is { } source)
        {
            await FailedAsync(source, [problem], timeProvider.GetUtcNow(), EventRecorder.SystemActor, cancellationToken);
        }
    }

    /// <summary>GetCACaps/GetCACert, and the check that the CA's certificates are still the ones confirmed at enrollment.</summary>
    private async Task<Result<ScepCaInfo>> ContactConfirmedCaAsync(ScepSource source, CancellationToken cancellationToken)
    {
        var endpoint = ScepEndpoint.TryParse(source.EndpointUrl.AbsoluteUri, out var invalid);
        if (endpoint is null)
        {
            return ScepErrors.AddressInvalid(invalid!);
        }

        var ca = await client.ContactAsync(endpoint, cancellationToken);
        if (ca.Succeeded && !ca.Value.Certificates.Certificates.SelectMany(c => c.RawData).SequenceEqual(source.CaCertificates))
        {
            return Problem.Error("scep.ca-changed", $"The SCEP server at {source.EndpointUrl.Authority} now sends other CA/RA certificates than the ones confirmed at enrollment.", "Enroll again from the SCEP page and confirm the CA's current certificates (an RA certificate may have been renewed).");
        }

        return ca;
    }

    private async Task<Result<RenewalOutcome>> FailedAsync(ScepSource source, IReadOnlyList<Problem> problems, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var failures = source.RenewalFailures + 1;
        var wait = RenewalBackoff.Wait(failures, settings.FirstRetryMinutes, settings.MaxRetryHours);
        var problem = problems[0];
        var outcome = $"Renewal failed: {problem.Message} {problem.Fix}";
        await sources.RecordRenewalAsync(source.Id, now + wait, $"retry {failures} after a failed renewal", now, outcome, failures, cancellationToken);
        var severity = RenewalBackoff.Severity(certificates.Current.Certificate.NotAfter.ToUniversalTime(), now, settings.MinorWithinDays);
        await events.RecordAsync(severity, EventSource, $"Renewing the certificate for {string.Join(", ", source.Names)} over SCEP at {source.EndpointUrl.Authority} failed (attempt {failures}); next try at {(now + wait).UtcDateTime:yyyy-MM-dd HH:mm} UTC. {outcome}", actor, null, cancellationToken);
        return Result<RenewalOutcome>.Failure(problems);
    }
}
