using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Enrollment;
using CertManager.Core.Import;
using CertManager.Core.Events;
using CertManager.Core.Metrics;
using CertManager.Core.Install;
using CertManager.Core.Renewal;
using CertManager.Core.Results;
using CertManager.Scep.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// Follows the SCEP transactions a CA answered PENDING: polls the due ones with CertPoll (RFC 8894 §3.3.3) under
/// exponential back-off, gives up after the maximum age, and settles each outcome with an event (source
/// <c>scep</c>). An issued certificate goes through the same chain doctor and atomic install as an immediate one; it
/// is installed without anyone present only when the chain doctor has nothing to say about it (see README).
/// </summary>
public sealed class ScepTransactionPoller(
    ScepClient client,
    ScepTransactionStore store,
    ScepSourceStore sources,
    CertificateHandoff handoff,
    Renewal.ScepRenewalService renewals,
    EventRecorder events,
    IOptions<ScepPollingOptions> options,
    TimeProvider timeProvider,
    ILogger<ScepTransactionPoller> logger) : IDisposable
{
    /// <summary>
    /// One install or cancel of an issued transaction at a time in this console, so that two administrators, or an
    /// administrator and the background poll, cannot both install it, and a cancel cannot slip in during an install.
    /// </summary>
    private readonly SemaphoreSlim _settling = new(1, 1);

    /// <summary>Polls every pending transaction whose next poll is due; returns how many were polled.</summary>
    public async Task<int> PollDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.ListDueAsync(timeProvider.GetUtcNow(), cancellationToken);
        foreach (var id in due)
        {
            await PollAsync(id, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Polls one pending transaction now, whatever its schedule; nothing happens when it is no longer pending.</summary>
    public async Task PollAsync(long id, CancellationToken cancellationToken = default)
    {
        using var stored = await store.LoadAsync(id, cancellationToken);
        if (stored is not { Key: { } key, Summary.Status: ScepTransactionStatus.Pending })
        {
            return;
        }

        var summary = stored.Summary;
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        if (now - summary.Created > TimeSpan.FromHours(settings.MaxAgeHours))
        {
            var outcome = $"Given up after {settings.MaxAgeHours} hours without approval by the CA administrator ({summary.Attempts} polls){(summary.Outcome is null ? string.Empty : $"; last problem: {summary.Outcome}")}.";
            if (await store.FinishAsync(id, ScepTransactionStatus.Pending, ScepTransactionStatus.Failed, outcome, now, cancellationToken))
            {
                ConsoleMetrics.EnrollmentFinished("scep", "failed");
                ScepLog.GaveUp(logger, summary.Endpoint, summary.TransactionId, summary.Attempts);
                await events.RecordAsync(EventSeverity.Major, ScepEnrollmentService.EventSource, $"Pending SCEP enrollment of '{summary.Subject}' with {summary.Endpoint.Authority} (transaction {summary.TransactionId}): {outcome} Start a new enrollment once the CA administrator is ready.", EventRecorder.SystemActor, null, cancellationToken);
                await RenewalFailedAsync(summary, Problem.Error("scep.renewal-given-up", outcome, "Ask the CA administrator to approve renewals; the renewal job tries again after its back-off."), cancellationToken);
            }

            return;
        }

        var ca = ScepCaInfo.Restore(summary.Endpoint, stored.Capabilities, stored.CaCertificates)
            ?? throw new InvalidOperationException($"SCEP transaction {id} was stored with capabilities that yield no algorithms.");
        using var signer = X509CertificateLoader.LoadCertificate(stored.SignerCertificate);
        // A renewal's CertPolls are signed like its RenewalReq, with the certificate it renews (RFC 8894 §3.3.3).
        using var renewedKey = summary.RenewalOfSourceId is null ? null : renewals.SigningKeyFor(stored.SignerCertificate);
        if (summary.RenewalOfSourceId is not null && renewedKey is null)
        {
            var replaced = ScepErrors.RenewalSignerReplaced(id);
            if (await store.FinishAsync(id, ScepTransactionStatus.Pending, ScepTransactionStatus.Failed, replaced.Message, now, cancellationToken))
            {
                await events.RecordAsync(EventSeverity.Warning, ScepEnrollmentService.EventSource, $"{replaced.Message} {replaced.Fix}", EventRecorder.SystemActor, null, cancellationToken);
            }

            return;
        }

        var poll = await client.PollAsync(ca, renewedKey ?? key, signer, summary.TransactionId, renewedKey is null ? null : key, cancellationToken);
        var next = now + settings.Delay(summary.Attempts + 1);
        if (!poll.Succeeded)
        {
            // Network trouble or an untrustworthy reply: asked again later; the maximum age bounds it.
            var problem = poll.Problems[0];
            ScepLog.PollFailed(logger, summary.Endpoint, summary.TransactionId, problem.Code, problem.Message);
            await store.RecordPollAsync(id, now, next, [], problem.Message, cancellationToken);
            return;
        }

        var reply = poll.Value;
        switch (reply.Status)
        {
            case PkiStatus.Pending:
                ScepLog.StillPending(logger, summary.Endpoint, summary.TransactionId, next);
                await store.RecordPollAsync(id, now, next, reply.SenderNonce, null, cancellationToken);
                return;
            case PkiStatus.Failure:
                var rejected = ScepErrors.Rejected(reply.FailInfo);
                if (await store.FinishAsync(id, ScepTransactionStatus.Pending, ScepTransactionStatus.Rejected, rejected.Message, now, cancellationToken))
                {
                    ConsoleMetrics.EnrollmentFinished("scep", "failed");
                    ScepLog.Failed(logger, summary.Endpoint, rejected.Code, rejected.Message);
                    await events.RecordAsync(EventSeverity.Warning, ScepEnrollmentService.EventSource, $"Pending SCEP enrollment of '{summary.Subject}' with {summary.Endpoint.Authority} (transaction {summary.TransactionId}) was rejected: {rejected.Message} {rejected.Fix}", EventRecorder.SystemActor, null, cancellationToken);
                    await RenewalFailedAsync(summary, rejected, cancellationToken);
                }

                return;
            default:
                await SettleIssuedAsync(stored, key, reply, now, cancellationToken);
                return;
        }
    }

    /// <summary>Cancels a pending transaction (no more polls) or discards an issued one waiting for install; the request key is destroyed.</summary>
    public async Task<Result<ScepTransactionSummary>> CancelAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await _settling.WaitAsync(cancellationToken);
        try
        {
            return await CancelOneAsync(id, actor, cancellationToken);
        }
        finally
        {
            _settling.Release();
        }
    }

    private async Task<Result<ScepTransactionSummary>> CancelOneAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var summary = await store.GetAsync(id, cancellationToken);
        if (summary is null)
        {
            return ScepErrors.TransactionNotFound(id);
        }

        var outcome = $"Cancelled by {actor}.";
        if (summary.Status is not (ScepTransactionStatus.Pending or ScepTransactionStatus.Issued)
            || !await store.FinishAsync(id, summary.Status, ScepTransactionStatus.Cancelled, outcome, timeProvider.GetUtcNow(), cancellationToken))
        {
            return ScepErrors.TransactionClosed(id);
        }

        await events.RecordAsync(EventSeverity.Info, ScepEnrollmentService.EventSource, $"Pending SCEP enrollment of '{summary.Subject}' with {summary.Endpoint.Authority} (transaction {summary.TransactionId}) cancelled; the CA is no longer asked and the request key was deleted.", actor, null, cancellationToken);
        return Result<ScepTransactionSummary>.Success((await store.GetAsync(id, cancellationToken))!);
    }

    /// <summary>The chain doctor's examination of a certificate issued and waiting for install; the caller disposes it.</summary>
    public async Task<Result<Examination>> ExamineIssuedAsync(long id, CancellationToken cancellationToken = default)
    {
        using var stored = await store.LoadAsync(id, cancellationToken);
        if (stored is not { Key: { } key, Summary.Status: ScepTransactionStatus.Issued, IssuedCertificates.Count: > 0 })
        {
            return ScepErrors.TransactionClosed(id);
        }

        return Result<Examination>.Success(await ExamineAsync(stored, key, cancellationToken));
    }

    /// <summary>Installs a certificate issued and waiting for install, as the administrator who confirmed its warnings.</summary>
    public async Task<Result<InstalledCertificate>> InstallIssuedAsync(long id, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        await _settling.WaitAsync(cancellationToken);
        try
        {
            return await InstallOneAsync(id, warningsConfirmed, actor, cancellationToken);
        }
        finally
        {
            _settling.Release();
        }
    }

    private async Task<Result<InstalledCertificate>> InstallOneAsync(long id, bool warningsConfirmed, string actor, CancellationToken cancellationToken)
    {
        using var stored = await store.LoadAsync(id, cancellationToken);
        if (stored is not { Key: { } key, Summary.Status: ScepTransactionStatus.Issued, IssuedCertificates.Count: > 0 })
        {
            return ScepErrors.TransactionClosed(id);
        }

        using var examination = await ExamineAsync(stored, key, cancellationToken);
        var installed = await handoff.InstallAsync(examination, warningsConfirmed, actor, cancellationToken);
        if (installed.Succeeded)
        {
            await RecordSourceAsync(stored, key, installed.Value, actor, cancellationToken);
            await store.FinishAsync(id, ScepTransactionStatus.Issued, ScepTransactionStatus.Installed, $"Installed by {actor} as version {installed.Value.Version}.", timeProvider.GetUtcNow(), cancellationToken);
        }

        return installed;
    }

    private async Task SettleIssuedAsync(StoredScepTransaction stored, RSA key, ScepPollReply reply, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _settling.WaitAsync(cancellationToken);
        try
        {
            await SettleOneAsync(stored, key, reply, now, cancellationToken);
        }
        finally
        {
            _settling.Release();
        }
    }

    private async Task SettleOneAsync(StoredScepTransaction stored, RSA key, ScepPollReply reply, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var summary = stored.Summary;
        var issued = reply.Issued!;
        var fingerprint = issued.GetCertHashString(HashAlgorithmName.SHA256);
        var certificates = new[] { issued.RawData }
            .Concat(reply.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)).Select(c => c.RawData))
            .ToList();
        // Claim the transaction first: a cancel that won the race keeps its word and nothing is installed.
        if (!await store.MarkIssuedAsync(summary.Id, now, certificates, "Issued; examining for install.", cancellationToken))
        {
            return;
        }

        // Counted once more now that the CA's answer settles it: "pending" when the request was sent, "issued" now.
        ConsoleMetrics.EnrollmentFinished("scep", "issued");
        ScepLog.Issued(logger, summary.Endpoint, issued.Subject, summary.TransactionId);
        using var reloaded = await store.LoadAsync(summary.Id, cancellationToken);
        using var examination = await ExamineAsync(reloaded!, key, cancellationToken);
        // Only tidying notes may remain, which an administrator could only acknowledge: nothing to decide.
        var holding = CertificateHandoff.ReasonsToHold(examination);
        var source = $"Certificate '{issued.Subject}' issued by the SCEP CA at {summary.Endpoint.Authority} after approval (transaction {summary.TransactionId}, requested by {summary.CreatedBy})";
        var renewed = summary.RenewalOfSourceId is { } renewedId ? await sources.GetAsync(renewedId, cancellationToken) : null;
        if (RenewalHold.Why(renewed?.AutoInstall ?? true, holding) is null)
        {
            var installed = await handoff.InstallAsync(examination, warningsConfirmed: true, EventRecorder.SystemActor, cancellationToken);
            if (installed.Succeeded)
            {
                await RecordSourceAsync(reloaded!, key, installed.Value, EventRecorder.SystemActor, cancellationToken);
                await store.FinishAsync(summary.Id, ScepTransactionStatus.Issued, ScepTransactionStatus.Installed, $"Issued and installed automatically as version {installed.Value.Version}.", now, cancellationToken);
                await events.RecordAsync(EventSeverity.Info, ScepEnrollmentService.EventSource, $"{source}; the chain doctor found nothing to hold it back, so it was installed as version {installed.Value.Version}.", EventRecorder.SystemActor, fingerprint, cancellationToken);
                return;
            }

            holding = [.. installed.Problems];
        }

        var reasons = RenewalHold.Why(renewed?.AutoInstall ?? true, holding) ?? $"the chain doctor reported: {string.Join(" ", holding.Select(p => p.Message))}";
        if (renewed is not null)
        {
            await renewals.RecordHeldAsync(renewed.Id, reasons, cancellationToken);
        }

        await events.RecordAsync(EventSeverity.Warning, ScepEnrollmentService.EventSource, $"{source}; not installed automatically: {reasons} Review it on the Web Server tab and install it or cancel it.", EventRecorder.SystemActor, fingerprint, cancellationToken);
    }

    /// <summary>Keeps where the installed certificate came from, for its re-enrollment (RFC 8894 §3.3.1.2).</summary>
    /// <remarks>A renewal keeps its certificate's source (names asked for, renewal policy) and records the outcome there.</remarks>
    private async Task RecordSourceAsync(StoredScepTransaction stored, RSA key, InstalledCertificate installed, string actor, CancellationToken cancellationToken)
    {
        if (stored.Summary.RenewalOfSourceId is { } renewedId)
        {
            await renewals.RecordInstalledAsync(renewedId, stored.Summary.Id, installed, actor, cancellationToken);
            return;
        }

        using var issued = X509CertificateLoader.LoadCertificate(stored.IssuedCertificates.Count > 0 ? stored.IssuedCertificates[0] : []);
        var draft = ScepSourceDraft.FromIssued(stored.Summary.Endpoint, stored.CaCertificates, issued, key.KeySize);
        await sources.AddAsync(draft.EndpointUrl, draft.CaCertificates, draft.Names, draft.KeySize, installed.Sha256Fingerprint, actor, timeProvider.GetUtcNow(), cancellationToken);
    }

    private Task RenewalFailedAsync(ScepTransactionSummary summary, Problem problem, CancellationToken cancellationToken) =>
        summary.RenewalOfSourceId is { } sourceId ? renewals.RecordFailedAsync(sourceId, problem, cancellationToken) : Task.CompletedTask;

    private async Task<Examination> ExamineAsync(StoredScepTransaction stored, RSA key, CancellationToken cancellationToken)
    {
        using var issued = X509CertificateLoader.LoadCertificate(stored.IssuedCertificates[0]);
        // The confirmed CA certificates and whatever else the CA sent, each once; RA certificates are left out, they are not on the chain.
        var caSet = ScepCaInfo.Restore(stored.Summary.Endpoint, stored.Capabilities, stored.CaCertificates)!.Certificates;
        var chain = caSet.Authorities.Select(c => c.RawData)
            .Concat(stored.IssuedCertificates.Skip(1))
            .DistinctBy(Convert.ToHexString)
            .Select(d => X509CertificateLoader.LoadCertificate(d))
            .ToList();
        try
        {
            return await handoff.ExamineAsync(issued, chain, key, new EnrollmentSource(EnrollmentKind.Scep, stored.Summary.Endpoint.Authority), cancellationToken);
        }
        finally
        {
            foreach (var certificate in chain.Concat(caSet.Certificates))
            {
                certificate.Dispose();
            }
        }
    }

    public void Dispose() => _settling.Dispose();
}
