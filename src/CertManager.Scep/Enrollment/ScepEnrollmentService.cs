using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Metrics;
using CertManager.Core.Results;
using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// Enrollment with an enterprise CA over SCEP, for the console's form and <c>certman scep enroll</c>: validates the
/// form with the CSR rules, contacts the CA so its certificates can be confirmed (and compared with a pinned
/// fingerprint), enrolls, and hands an issued certificate to the same chain doctor and atomic install as an upload.
/// A PENDING answer is kept in <see cref="ScepTransactionStore"/> for <see cref="ScepTransactionPoller"/>.
/// </summary>
public sealed class ScepEnrollmentService(
    ScepClient client,
    CertificateHandoff handoff,
    EventRecorder events,
    ScepTransactionStore transactions,
    ScepSourceStore sources,
    IOptions<ScepPollingOptions> polling,
    TimeProvider timeProvider,
    ILogger<ScepEnrollmentService> logger)
{
    internal const string EventSource = "scep";

    public static Result<ScepEnrollmentRequest> Validate(ScepEnrollmentForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<Problem>();
        var endpoint = ScepEndpoint.TryCreate(form.CaAddress, form.UriPath, out var reason);
        if (endpoint is null)
        {
            problems.Add(ScepErrors.AddressInvalid(reason!));
        }

        string? fingerprint = null;
        if (!string.IsNullOrWhiteSpace(form.ExpectedCaFingerprint))
        {
            fingerprint = CaCertificateSet.NormalizeFingerprint(form.ExpectedCaFingerprint);
            if (fingerprint.Length != 64 || form.ExpectedCaFingerprint.Any(c => !Uri.IsHexDigit(c) && c is not (':' or ' ')))
            {
                problems.Add(Problem.Error("scep.ca-fingerprint-invalid", $"'{form.ExpectedCaFingerprint.Trim()}' is not a SHA-256 fingerprint.", "Enter the 64 hexadecimal digits of the CA certificate's SHA-256 fingerprint (colons are allowed), or leave the field empty."));
            }
        }

        if (CsrForm.IsEcdsa(form.KeySize))
        {
            // RFC 8894 §3.1: the CA encrypts its reply (pkcsPKIEnvelope) to the requester's key by key transport, which needs RSA.
            problems.Add(Problem.Error("scep.key-not-rsa", $"SCEP enrollment needs an RSA key; {CsrForm.KeyLabel(form.KeySize)} was chosen.", $"Choose RSA {string.Join(", ", CsrForm.KeySizes)}: the SCEP CA encrypts its reply to the request's key, which only RSA allows. For an ECDSA certificate, use Generate CSR."));
        }

        var csr = CsrRequestValidator.Validate(new CsrForm { CommonName = form.CommonName, AlternateNames = form.AlternateNames, KeySize = CsrForm.IsEcdsa(form.KeySize) ? CsrForm.DefaultKeySize : form.KeySize });
        problems.AddRange(csr.Problems);
        return problems.Any(p => p.Severity == Severity.Error) || !csr.Succeeded
            ? Result<ScepEnrollmentRequest>.Failure(problems)
            : Result<ScepEnrollmentRequest>.Success(new ScepEnrollmentRequest(endpoint!, csr.Value, fingerprint), problems);
    }

    /// <summary>GetCACaps and GetCACert; fails when a pinned fingerprint does not match, before anything is sent.</summary>
    public async Task<Result<ScepCaInfo>> ContactCaAsync(ScepEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contact = await client.ContactAsync(request.Endpoint, cancellationToken);
        if (!contact.Succeeded)
        {
            ScepLog.Failed(logger, request.Endpoint.Url, contact.Problems[0].Code, contact.Problems[0].Message);
            return contact;
        }

        var ca = contact.Value;
        ScepLog.Contacted(logger, request.Endpoint.Url, string.Join(' ', ca.Capabilities.Keywords), ca.Certificates.Certificates.Count);
        if (request.ExpectedCaFingerprint is { } expected && !ca.Certificates.MatchesFingerprint(expected))
        {
            return ScepErrors.FingerprintMismatch(expected, ca.Certificates.Authorities.Select(c => c.GetCertHashString(HashAlgorithmName.SHA256)));
        }

        return contact;
    }

    /// <summary>
    /// Makes the key and the request, enrolls, and examines an issued certificate for install. FAILURE and transport
    /// errors are failed results; PENDING keeps the transaction (key encrypted, no enrollment password) for polling.
    /// </summary>
    public async Task<Result<ScepEnrollment>> EnrollAsync(
        ScepEnrollmentRequest request, ScepCaInfo ca, string? challenge, string actor, IProgress<ScepStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ca);
        if (string.IsNullOrEmpty(challenge))
        {
            return ScepErrors.ChallengeRequired;
        }

        if (request.ExpectedCaFingerprint is { } expected && !ca.Certificates.MatchesFingerprint(expected))
        {
            return ScepErrors.FingerprintMismatch(expected, ca.Certificates.Authorities.Select(c => c.GetCertHashString(HashAlgorithmName.SHA256)));
        }

        // Key generation is CPU work (seconds for 4096 bits): keep it off the caller's thread.
        using var key = await Task.Run(() => RSA.Create(request.Csr.KeySize), cancellationToken);
        var hash = ca.Algorithms.DigestName == "SHA-512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var csr = ScepCsr.Create(key, request.Csr, challenge, hash);
        var reply = await client.EnrollAsync(ca, key, csr, ScepCsr.Subject(request.Csr), progress, cancellationToken);
        var url = request.Endpoint.Url;
        if (!reply.Succeeded)
        {
            var problem = reply.Problems[0];
            ScepLog.Failed(logger, url, problem.Code, problem.Message);
            ConsoleMetrics.EnrollmentFinished("scep", "failed");
            await events.RecordAsync(EventSeverity.Warning, EventSource, $"SCEP enrollment of '{request.Csr.CommonName}' with {url.Authority} failed: {problem.Message}", actor, null, cancellationToken);
            return Result<ScepEnrollment>.Failure(reply.Problems);
        }

        if (reply.Value.Status == PkiStatus.Pending)
        {
            var pending = await KeepPendingAsync(request, ca, key, hash, reply.Value, actor, cancellationToken);
            ConsoleMetrics.EnrollmentFinished("scep", "pending");
            return Result<ScepEnrollment>.Success(new ScepEnrollment(reply.Value, pending));
        }

        var issued = reply.Value.Issued!;
        var chain = ca.Certificates.Certificates
            .Concat(reply.Value.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)))
            .DistinctBy(c => c.Thumbprint)
            .ToList();
        // The material is kept with the enrollment so that its chain can be examined again once a root is trusted.
        var material = ImportedMaterial.FromEnrollment(issued, chain, key, new EnrollmentSource(EnrollmentKind.Scep, url.Authority));
        var examination = await handoff.ExamineAsync(material, cancellationToken);
        var fingerprint = issued.GetCertHashString(HashAlgorithmName.SHA256);
        ScepLog.Issued(logger, url, issued.SubjectText(), reply.Value.TransactionId);
        ConsoleMetrics.EnrollmentFinished("scep", "issued");
        await events.RecordAsync(EventSeverity.Info, EventSource, $"Certificate '{issued.SubjectText()}' issued by the SCEP CA at {url.Authority} (transaction {reply.Value.TransactionId}); not installed yet.", actor, fingerprint, cancellationToken);
        var source = new ScepSourceDraft(url, [.. ca.Certificates.Certificates.SelectMany(c => c.RawData)], [.. request.Csr.AlternateNames.Select(n => n.Value)], request.Csr.KeySize);
        return Result<ScepEnrollment>.Success(new ScepEnrollment(reply.Value, material, examination, source));
    }

    /// <summary>Checks an issued certificate's chain again, e.g. after the administrator trusted the CA's root.</summary>
    public Task RecheckAsync(ScepEnrollment enrollment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return enrollment.RecheckAsync(handoff, cancellationToken);
    }

    /// <summary>The same atomic switch-over as 'Upload and install': presented from the next TLS handshake.</summary>
    public async Task<Result<InstalledCertificate>> InstallAsync(ScepEnrollment enrollment, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (enrollment.Examination is not { } examination)
        {
            return InstallErrors.NotInstallable;
        }

        var installed = await handoff.InstallAsync(examination, warningsConfirmed, actor, cancellationToken);
        if (installed.Succeeded && enrollment.Source is { } source)
        {
            // Kept for re-enrollment (RFC 8894 §3.3.1.2) by the renewal job.
            await sources.AddAsync(source.EndpointUrl, source.CaCertificates, source.Names, source.KeySize, installed.Value.Sha256Fingerprint, actor, timeProvider.GetUtcNow(), cancellationToken);
        }

        return installed;
    }

    /// <summary>
    /// Keeps an issued certificate that is not installed now (a script that did not confirm the chain doctor's
    /// warnings) as an issued SCEP transaction with its key encrypted, so that it waits on the Web Server tab and can
    /// be installed later (<see cref="ScepTransactionPoller.InstallIssuedAsync"/>) instead of being lost with the
    /// enrollment password it used.
    /// </summary>
    public async Task<Result<ScepTransactionSummary>> KeepIssuedAsync(ScepEnrollment enrollment, ScepCaInfo ca, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(ca);
        if (enrollment is not { Reply.Issued: { } issued, Material.Keys: [{ Key: RSA key }, ..] })
        {
            return InstallErrors.NotInstallable;
        }

        var certificates = new[] { issued.RawData }.Concat(enrollment.Reply.Certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(issued.RawData)).Select(c => c.RawData));
        var outcome = "Issued; not installed because the chain doctor's warnings were not confirmed.";
        var kept = await transactions.AddIssuedAsync(ScepTransactionDraft.Create(ca, enrollment.Reply, [], issued.SubjectText()), key, certificates, outcome, actor, timeProvider.GetUtcNow(), cancellationToken);
        await events.RecordAsync(EventSeverity.Warning, EventSource, $"Certificate '{issued.SubjectText()}' issued by the SCEP CA at {ca.Endpoint.Url.Authority} is kept as SCEP transaction #{kept.Id}, waiting to be installed: {outcome}", actor, issued.GetCertHashString(HashAlgorithmName.SHA256), cancellationToken);
        return Result<ScepTransactionSummary>.Success(kept);
    }

    /// <summary>
    /// Keeps a PENDING transaction (RFC 8894 §3.3.3): the CA as confirmed, the transaction, the signer certificate and
    /// the request key (encrypted at rest). The CSR kept is a copy without the enrollment password: the password was
    /// for the CA only, and CertPoll does not need it.
    /// </summary>
    private async Task<ScepTransactionSummary> KeepPendingAsync(
        ScepEnrollmentRequest request, ScepCaInfo ca, RSA key, HashAlgorithmName hash, ScepReply reply, string actor, CancellationToken cancellationToken)
    {
        var url = request.Endpoint.Url;
        var now = timeProvider.GetUtcNow();
        var subject = ScepCsr.Subject(request.Csr);
        var pending = await transactions.AddAsync(
            ScepTransactionDraft.Create(ca, reply, ScepCsr.Create(key, request.Csr, challenge: null, hash), subject.Name),
            key,
            actor,
            now,
            now + polling.Value.Delay(0),
            cancellationToken);
        ScepLog.Kept(logger, url, reply.TransactionId);
        await events.RecordAsync(EventSeverity.Info, EventSource, $"SCEP enrollment of '{request.Csr.CommonName}' with {url.Authority} is waiting for approval by the CA administrator (transaction {reply.TransactionId}); CertManager asks the CA again until it is issued, rejected or cancelled.", actor, null, cancellationToken);
        return pending;
    }
}
