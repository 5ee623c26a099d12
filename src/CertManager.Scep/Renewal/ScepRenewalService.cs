using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Install;
using CertManager.Core.Renewal;
using CertManager.Core.Results;
using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;
using Microsoft.Extensions.Options;

namespace CertManager.Scep.Renewal;

/// <summary>
/// Renews the presented certificate when it was installed from a SCEP enrollment: at two thirds of its lifetime (or
/// <see cref="ScepRenewalOptions.DaysBeforeExpiry"/>), by re-enrollment (RFC 8894 §3.3.1.2, a RenewalReq signed with
/// the current certificate and key) at the same CA for the same names with a fresh key. The CA's certificates must
/// still be the ones confirmed at enrollment. The new certificate goes to the chain doctor and installs only when the
/// doctor has nothing to say; otherwise it is not installed and the reasons become an event. The enrollment password
/// is never kept, so a CA that wants one for renewals is reported with what to do. Failures back off like ACME's.
/// </summary>
public sealed class ScepRenewalService(
    ScepClient client,
    ScepSourceStore sources,
    CertificateHandoff handoff,
    ServerCertificateProvider certificates,
    EventRecorder events,
    IOptions<ScepRenewalOptions> options,
    TimeProvider timeProvider)
{
    private const string EventSource = "scep";

    /// <summary>The presented certificate's SCEP source and when it is renewed, or null when it did not come from SCEP.</summary>
    public async Task<(ScepSource Source, RenewalDecision Decision)?> PlanAsync(CancellationToken cancellationToken = default)
    {
        var presented = certificates.Current.Certificate;
        var source = await sources.FindAsync(presented.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
        if (source is null)
        {
            return null;
        }

        if (source.NextRenewal is { } next && source.RenewalFailures > 0)
        {
            return (source, new RenewalDecision(next, source.RenewalReason ?? "retry after a failed renewal"));
        }

        var notAfter = presented.NotAfter.ToUniversalTime();
        var days = options.Value.DaysBeforeExpiry;
        var decision = days > 0
            ? new RenewalDecision(notAfter.AddDays(-days), $"{days} days before it expires on {notAfter:yyyy-MM-dd}")
            : RenewalSchedule.TwoThirds(presented.NotBefore.ToUniversalTime(), notAfter);
        await sources.RecordRenewalAsync(source.Id, decision.DueAt, decision.Reason, null, null, 0, cancellationToken);
        return (source, decision);
    }

    /// <summary>The job's work: renews when the plan says it is time. Returns whether a renewal was attempted.</summary>
    public async Task<bool> RenewIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (await PlanAsync(cancellationToken) is not { } plan || plan.Decision.DueAt > timeProvider.GetUtcNow())
        {
            return false;
        }

        await RenewAsync(plan.Source, plan.Decision.Reason, cancellationToken);
        return true;
    }

    private async Task<Result<InstalledCertificate>> RenewAsync(ScepSource source, string reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var actor = EventRecorder.SystemActor;
        var renewed = await ReEnrollAsync(source, cancellationToken);
        if (!renewed.Succeeded)
        {
            return await FailedAsync(source, renewed.Problems, now, cancellationToken);
        }

        using var material = renewed.Value;
        var examination = await handoff.ExamineAsync(material, cancellationToken);
        using (examination)
        {
            var reasons = CertificateHandoff.ReasonsToHold(examination);
            if (reasons.Count > 0)
            {
                return await FailedAsync(source, [Problem.Error("scep.renewal-not-installed", $"The renewed certificate was not installed: the chain doctor reported: {string.Join(" ", reasons.Select(r => r.Message))}", reasons[0].Fix)], now, cancellationToken);
            }

            var installed = await handoff.InstallAsync(examination, warningsConfirmed: true, actor, cancellationToken);
            if (!installed.Succeeded)
            {
                return await FailedAsync(source, installed.Problems, now, cancellationToken);
            }

            var done = $"Renewed over SCEP and installed as version {installed.Value.Version} ({reason}).";
            await sources.RecordRenewalAsync(source.Id, source.NextRenewal ?? now, reason, now, done, 0, cancellationToken);
            await sources.AddAsync(source.EndpointUrl, source.CaCertificates, source.Names, source.KeySize, installed.Value.Sha256Fingerprint, actor, now, cancellationToken);
            await events.RecordAsync(EventSeverity.Info, EventSource, $"Certificate for {string.Join(", ", source.Names)} renewed over SCEP at {source.EndpointUrl.Authority} and installed as version {installed.Value.Version}.", actor, installed.Value.Sha256Fingerprint, cancellationToken);
            return installed;
        }
    }

    /// <summary>GetCACaps/GetCACert, the confirmed CA check, then the RenewalReq with a fresh key for the same names.</summary>
    private async Task<Result<Core.Import.ImportedMaterial>> ReEnrollAsync(ScepSource source, CancellationToken cancellationToken)
    {
        var endpoint = ScepEndpoint.TryParse(source.EndpointUrl.AbsoluteUri, out var invalid);
        if (endpoint is null)
        {
            return ScepErrors.AddressInvalid(invalid!);
        }

        var ca = await client.ContactAsync(endpoint, cancellationToken);
        if (!ca.Succeeded)
        {
            return Result<Core.Import.ImportedMaterial>.Failure(ca.Problems);
        }

        var confirmed = source.CaCertificates;
        if (!ca.Value.Certificates.Certificates.SelectMany(c => c.RawData).SequenceEqual(confirmed))
        {
            return Problem.Error("scep.ca-changed", $"The SCEP server at {source.EndpointUrl.Authority} now sends other CA/RA certificates than the ones confirmed at enrollment.", "Enroll again from the SCEP page and confirm the CA's current certificates (an RA certificate may have been renewed).");
        }

        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = source.Names[0], AlternateNames = [.. source.Names.Skip(1)], KeySize = source.KeySize });
        if (!request.Succeeded)
        {
            return Result<Core.Import.ImportedMaterial>.Failure(request.Problems);
        }

        using var currentKey = certificates.Current.Certificate.GetRSAPrivateKey();
        if (currentKey is null)
        {
            return Problem.Error("scep.renewal-key-not-rsa", "The presented certificate's key is not RSA, which SCEP needs to sign the renewal request.", "Enroll again from the SCEP page.");
        }

        var newKey = await Task.Run(() => RSA.Create(source.KeySize), cancellationToken);
        var hash = ca.Value.Algorithms.DigestName == "SHA-512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var csr = ScepCsr.Create(newKey, request.Value, challenge: null, hash);
        var reply = await client.RenewAsync(ca.Value, certificates.Current.Certificate, currentKey, newKey, csr, cancellationToken);
        if (!reply.Succeeded)
        {
            newKey.Dispose();
            return Result<Core.Import.ImportedMaterial>.Failure(reply.Problems);
        }

        var issued = reply.Value.Issued!;
        var chain = ca.Value.Certificates.Certificates
            .Concat(reply.Value.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)))
            .DistinctBy(c => c.Thumbprint)
            .ToList();
        var material = Core.Import.ImportedMaterial.FromEnrollment(issued, chain, newKey, new Core.Import.EnrollmentSource(Core.Import.EnrollmentKind.Scep, source.EndpointUrl.Authority));
        newKey.Dispose();
        return Result<Core.Import.ImportedMaterial>.Success(material);
    }

    private async Task<Result<InstalledCertificate>> FailedAsync(ScepSource source, IReadOnlyList<Problem> problems, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var failures = source.RenewalFailures + 1;
        var wait = RenewalBackoff.Wait(failures, settings.FirstRetryMinutes, settings.MaxRetryHours);
        var problem = problems[0];
        var outcome = $"Renewal failed: {problem.Message} {problem.Fix}";
        await sources.RecordRenewalAsync(source.Id, now + wait, $"retry {failures} after a failed renewal", now, outcome, failures, cancellationToken);
        var severity = RenewalBackoff.Severity(certificates.Current.Certificate.NotAfter.ToUniversalTime(), now, settings.MinorWithinDays);
        await events.RecordAsync(severity, EventSource, $"Renewing the certificate for {string.Join(", ", source.Names)} over SCEP at {source.EndpointUrl.Authority} failed (attempt {failures}); next try at {(now + wait).UtcDateTime:yyyy-MM-dd HH:mm} UTC. {outcome}", EventRecorder.SystemActor, null, cancellationToken);
        return Result<InstalledCertificate>.Failure(problems);
    }
}
