using System.Security.Cryptography;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Protocol;
using CertManager.Core.Certificates;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Csr;
using CertManager.Core.Install;
using CertManager.Core.Renewal;
using CertManager.Core.Results;
using Microsoft.Extensions.Options;

namespace CertManager.Acme.Renewal;

/// <summary>
/// Renews the presented certificate when it came from an ACME order: at the time ACME Renewal Information suggests
/// (RFC 9773, with <c>replaces</c> in the new order) or at two thirds of its lifetime. The renewal is a new order for
/// the same names, key size and challenge way, handed to the chain doctor; it is installed without anyone present only
/// when the order allows it and the doctor has nothing to say (<see cref="CertificateHandoff.ReasonsToHold"/>),
/// otherwise held with the reasons. Failures back off and become events (WARNING, MINOR near expiry).
/// </summary>
public sealed class AcmeRenewalService(
    AcmeClient client,
    AcmeStore store,
    AcmeEnrollmentService enrollment,
    AcmeOrderResumer resumer,
    ServerCertificateProvider certificates,
    EventRecorder events,
    IOptions<AcmeRenewalOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The problem code when the presented certificate did not come from an ACME order of this console.</summary>
    public const string NotAcmeCertificateCode = "acme.not-acme-certificate";

    /// <summary>The renewal plan of the presented certificate, or null when it did not come from an ACME order.</summary>
    public async Task<AcmeRenewalPlan?> PlanAsync(CancellationToken cancellationToken = default)
    {
        var presented = certificates.Current.Certificate;
        var source = await store.FindSourceAsync(presented.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
        if (source is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (await store.FindOpenRenewalAsync(source, cancellationToken) is { } open)
        {
            var waiting = open.Status == AcmeOrderStatus.Held
                ? $"renewal order #{open.Id} is issued and held for an administrator: install it on the Web Server tab"
                : $"renewal order #{open.Id} is in progress";
            return new AcmeRenewalPlan(source, new RenewalDecision(source.NextRenewal ?? now, waiting), null) { Open = open };
        }

        if (source.NextRenewal is { } next && source.RenewalFailures > 0)
        {
            // Backing off after a failure: the stored time is the next try.
            return new AcmeRenewalPlan(source, new RenewalDecision(next, source.RenewalReason ?? "retry after a failed renewal"), RenewalCertificateId.Of(presented));
        }

        var decision = RenewalSchedule.TwoThirds(presented.NotBefore.ToUniversalTime(), presented.NotAfter.ToUniversalTime());
        string? replaces = null;
        var directory = await client.GetDirectoryAsync(source.DirectoryUrl, cancellationToken);
        if (directory.Succeeded && directory.Value.RenewalInfo is not null)
        {
            var info = await client.GetRenewalInfoAsync(directory.Value, presented, cancellationToken);
            if (info.Succeeded && info.Value.SuggestedWindow is { } window)
            {
                decision = RenewalSchedule.InWindow(window.Start, window.End, Random.Shared.NextDouble(), now);
                replaces = RenewalCertificateId.Of(presented);
            }
        }

        await store.RecordRenewalAsync(source.Id, decision.DueAt, decision.Reason, null, null, source.RenewalFailures, cancellationToken);
        return new AcmeRenewalPlan(source with { NextRenewal = decision.DueAt, RenewalReason = decision.Reason }, decision, replaces);
    }

    /// <summary>
    /// The job's work: first carries on the orders a restart interrupted (a renewal of the presented certificate then
    /// installs by the same rules as any renewal), then renews when the plan says it is time and no renewal is open.
    /// Returns whether a renewal was attempted.
    /// </summary>
    public async Task<bool> RenewIfDueAsync(CancellationToken cancellationToken = default)
    {
        await ResumeInterruptedAsync(cancellationToken);
        var plan = await PlanAsync(cancellationToken);
        if (plan is null || plan.Open is not null || plan.Decision.DueAt > timeProvider.GetUtcNow())
        {
            return false;
        }

        await RenewAsync(plan, EventRecorder.SystemActor, cancellationToken);
        return true;
    }

    /// <summary>"Renew now": a renewal whatever the plan says.</summary>
    public async Task<Result<RenewalOutcome>> RenewNowAsync(string actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken);
        return plan is null
            ? Problem.Error(NotAcmeCertificateCode, "The presented certificate was not obtained over ACME by this console.", "Obtain one with 'Obtain a certificate from an ACME CA' first.")
            : await RenewAsync(plan, actor, cancellationToken);
    }

    private async Task<Result<RenewalOutcome>> RenewAsync(AcmeRenewalPlan plan, string actor, CancellationToken cancellationToken)
    {
        var source = plan.Source;
        var now = timeProvider.GetUtcNow();
        var form = new AcmeEnrollmentForm
        {
            DirectoryUrl = source.DirectoryUrl.AbsoluteUri,
            TermsOfServiceAgreed = true,
            CommonName = source.Names[0],
            AlternateNames = [.. source.Names.Skip(1)],
            KeySize = source.KeySize,
            ChallengeWay = source.ChallengeWay,
        };
        // A renewal keeps the key type of the certificate it renews; the chain doctor applies the install policy.
        var request = AcmeEnrollmentService.Validate(form, allowEcdsa: CsrForm.IsEcdsa(form.KeySize));
        var obtained = request.Succeeded
            ? await enrollment.ObtainAsync(request.Value, actor, null, plan.Replaces, cancellationToken)
            : Result<AcmeEnrollment>.Failure(request.Problems);
        if (!obtained.Succeeded)
        {
            return await FailedAsync(source, obtained.Problems, now, actor, cancellationToken);
        }

        using var renewed = obtained.Value;
        return await SettleRenewalAsync(source, renewed, plan.Decision.Reason, now, actor, cancellationToken);
    }

    private async Task ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var (order, outcome) in await resumer.ResumeAsync(cancellationToken))
        {
            if (!outcome.Succeeded)
            {
                continue;
            }

            using var issued = outcome.Value;
            var now = timeProvider.GetUtcNow();
            var source = await store.FindSourceAsync(certificates.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
            if (source is not null && source.Names.SequenceEqual(order.Names, StringComparer.Ordinal))
            {
                await SettleRenewalAsync(source, issued, $"resumed order #{order.Id} after a restart", now, EventRecorder.SystemActor, cancellationToken);
            }
            else
            {
                await events.RecordAsync(EventSeverity.Warning, AcmeAccountService.EventSource, $"ACME order #{order.Id} for {string.Join(", ", order.Names)}, resumed after a restart, is issued and held: install it on the Web Server tab.", EventRecorder.SystemActor, null, cancellationToken);
            }
        }
    }

    /// <summary>The renewal policy: installs when the source allows it and the chain doctor has nothing to say, else holds.</summary>
    private async Task<Result<RenewalOutcome>> SettleRenewalAsync(AcmeOrderSummary source, AcmeEnrollment renewed, string reason, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var reasons = CertificateHandoff.ReasonsToHold(renewed.Examination);
        if (RenewalHold.Why(source.AutoInstall, reasons) is { } why)
        {
            var outcome = RenewalHold.Outcome(why);
            await store.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, source.RenewalReason ?? reason, now, outcome, 0, cancellationToken);
            await events.RecordAsync(EventSeverity.Warning, AcmeAccountService.EventSource, RenewalHold.EventText(source.Names, why), actor, null, cancellationToken);
            return Result<RenewalOutcome>.Success(new RenewalOutcome(outcome, false, renewed.OrderId) { HeldFor = reasons });
        }

        var installed = await enrollment.InstallAsync(renewed, warningsConfirmed: true, actor, cancellationToken);
        if (!installed.Succeeded)
        {
            return await FailedAsync(source, installed.Problems, now, actor, cancellationToken);
        }

        var done = $"Renewed and installed as version {installed.Value.Version} ({reason}).";
        await store.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, reason, now, done, 0, cancellationToken);
        await events.RecordAsync(EventSeverity.Info, AcmeAccountService.EventSource, $"Certificate for {string.Join(", ", source.Names)} renewed over ACME and installed as version {installed.Value.Version}.", actor, installed.Value.Sha256Fingerprint, cancellationToken);
        return Result<RenewalOutcome>.Success(new RenewalOutcome(done, true, renewed.OrderId));
    }

    private async Task<Result<RenewalOutcome>> FailedAsync(AcmeOrderSummary source, IReadOnlyList<Problem> problems, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var failures = source.RenewalFailures + 1;
        var wait = RenewalBackoff.Wait(failures, settings.FirstRetryMinutes, settings.MaxRetryHours);
        var problem = problems[0];
        var outcome = $"Renewal failed: {problem.Message} {problem.Fix}";
        await store.RecordRenewalAsync(source.Id, now + wait, $"retry {failures} after a failed renewal", now, outcome, failures, cancellationToken);
        var severity = RenewalBackoff.Severity(certificates.Current.Certificate.NotAfter.ToUniversalTime(), now, settings.MinorWithinDays);
        await events.RecordAsync(severity, AcmeAccountService.EventSource, $"Renewing the certificate for {string.Join(", ", source.Names)} over ACME failed (attempt {failures}); next try at {(now + wait).UtcDateTime:yyyy-MM-dd HH:mm} UTC. {outcome}", actor, null, cancellationToken);
        return Result<RenewalOutcome>.Failure(problems);
    }
}
