using System.Collections.Concurrent;
using System.Security.Cryptography;
using CertManager.Acme.Challenges;
using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Import;
using CertManager.Core.Events;
using CertManager.Core.Install;
using CertManager.Core.Metrics;
using CertManager.Core.Results;
using Microsoft.Extensions.Options;

namespace CertManager.Acme.Enrollment;

/// <summary>
/// Obtaining a certificate from an ACME CA, for the console's page and <c>certman acme order</c>: validates the form
/// with the CSR rules, uses (or registers) the account of the directory, keeps the order in <see cref="AcmeStore"/>
/// step by step (the certificate key encrypted before finalize), and hands the issued chain to Core's
/// <see cref="CertificateHandoff"/>, the same chain doctor and atomic install as an upload or SCEP.
/// </summary>
public sealed class AcmeEnrollmentService(
    AcmeClient client,
    AcmeAccountService accounts,
    AcmeOrderFlow flow,
    AcmeStore store,
    AcmeDnsUpdateStore dnsUpdates,
    CertificateHandoff handoff,
    EventRecorder events,
    IOptions<AcmeChallengeOptions> challengeOptions,
    TimeProvider timeProvider)
{
    /// <summary>Orders this process is carrying on right now, so that resuming interrupted ones never runs one twice.</summary>
    private readonly ConcurrentDictionary<long, bool> _running = new();

    /// <param name="form">The form as entered.</param>
    /// <param name="allowEcdsa">Whether an ECDSA key may be chosen (<see cref="Core.Install.KeyAlgorithmPolicy"/>).</param>
    public static Result<AcmeEnrollmentRequest> Validate(AcmeEnrollmentForm form, bool allowEcdsa = false)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<Problem>();
        Uri? directory = null;
        if (!Uri.TryCreate(form.DirectoryUrl?.Trim(), UriKind.Absolute, out directory) || (directory.Scheme != Uri.UriSchemeHttps && !directory.IsLoopback))
        {
            problems.Add(AcmeErrors.AddressInvalid($"'{form.DirectoryUrl}' is not an https URL of an ACME directory."));
        }

        var email = form.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
        {
            problems.Add(Problem.Error("acme.email-invalid", $"'{email}' is not an email address.", "Enter one address such as admin@example.com, or leave it empty (the CA then cannot warn you about expiring certificates)."));
        }

        var keyId = form.ExternalAccountKeyId?.Trim();
        var hmac = form.ExternalAccountHmacKey?.Trim();
        if (string.IsNullOrEmpty(keyId) != string.IsNullOrEmpty(hmac))
        {
            problems.Add(Problem.Error("acme.eab-incomplete", "External Account Binding needs both the key ID and the HMAC key.", "Copy both values from your account at the CA, or leave both empty for CAs without EAB."));
        }

        if (!AcmeChallengeWays.All.Contains(form.ChallengeWay))
        {
            problems.Add(Problem.Error("acme.challenge-way-invalid", $"'{form.ChallengeWay}' is not a challenge type CertManager offers.", $"Choose one of {string.Join(", ", AcmeChallengeWays.All)}."));
        }

        var csr = CsrRequestValidator.Validate(new CsrForm { CommonName = form.CommonName, AlternateNames = form.AlternateNames, KeySize = form.KeySize }, allowEcdsa);
        problems.AddRange(csr.Problems);
        if (problems.Any(p => p.Severity == Severity.Error) || !csr.Succeeded)
        {
            return Result<AcmeEnrollmentRequest>.Failure(problems);
        }

        var registration = new AcmeRegistration(string.IsNullOrEmpty(email) ? [] : [email], form.TermsOfServiceAgreed, string.IsNullOrEmpty(keyId) ? null : keyId, string.IsNullOrEmpty(hmac) ? null : hmac);
        var preferred = string.IsNullOrWhiteSpace(form.PreferredRoot) ? null : form.PreferredRoot.Trim();
        return Result<AcmeEnrollmentRequest>.Success(new AcmeEnrollmentRequest(directory!, registration, csr.Value, form.ChallengeWay, preferred), problems);
    }

    /// <summary>The CA's directory, for its terms of service and whether it requires External Account Binding.</summary>
    public Task<Result<AcmeDirectory>> ReadDirectoryAsync(Uri directoryUrl, CancellationToken cancellationToken = default) =>
        client.GetDirectoryAsync(directoryUrl, cancellationToken);

    /// <summary>
    /// Places the order and carries it to an issued certificate examined by the chain doctor; nothing is installed
    /// yet (<see cref="InstallAsync"/>). Every failure is recorded on the order and as an event.
    /// </summary>
    public async Task<Result<AcmeEnrollment>> ObtainAsync(AcmeEnrollmentRequest request, string actor, IProgress<AcmeProgress>? progress = null, string? replaces = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var responder = await ResponderAsync(request.ChallengeWay, cancellationToken);
        if (!responder.Succeeded)
        {
            return Result<AcmeEnrollment>.Failure(responder.Problems);
        }

        using var secrets = responder.Value as IDisposable;

        var session = await accounts.EnsureAccountAsync(request.DirectoryUrl, request.Registration, actor, cancellationToken);
        if (!session.Succeeded)
        {
            return Result<AcmeEnrollment>.Failure(session.Problems);
        }

        using var accountKey = session.Value.Key;
        var names = request.Csr.AlternateNames.Select(n => n.Value).ToList();
        var order = await store.AddOrderAsync(request.DirectoryUrl, names, request.Csr.KeySize, request.ChallengeWay, replaces, actor, timeProvider.GetUtcNow(), cancellationToken);
        var recorder = new OrderProgress(store, order.Id, progress, timeProvider);
        var plan = new AcmeOrderPlan(request.Csr, responder.Value, replaces, request.PreferredRoot, (key, token) => store.SaveCertificateKeyAsync(order.Id, key, token));
        _running[order.Id] = true;
        try
        {
            var issued = await flow.ObtainAsync(session.Value, plan, recorder, cancellationToken);
            return await SettleAsync(order.Id, request.DirectoryUrl, names, issued, actor, inProgress: true, cancellationToken);
        }
        finally
        {
            _running.TryRemove(order.Id, out _);
        }
    }

    /// <summary>Whether this process is carrying the order on right now.</summary>
    public bool IsRunning(long orderId) => _running.ContainsKey(orderId);

    /// <summary>
    /// Carries a stored order on at the CA from wherever it stands (RFC 8555 §7.4: the order URL is polled, pending
    /// authorizations answered again, a ready order finalized, a valid one downloaded with the key kept for it), for
    /// an order interrupted by a restart or a held one being installed. Nothing is installed yet.
    /// </summary>
    public async Task<Result<AcmeEnrollment>> ContinueAsync(AcmeOrderSummary order, string actor, IProgress<AcmeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.OrderUrl is not { } orderUrl)
        {
            return Problem.Error("acme.order-not-created", "The CA had not created this order yet when it stopped; there is nothing to continue.", "Start a new order.");
        }

        if (!_running.TryAdd(order.Id, true))
        {
            return Problem.Error("acme.order-running", $"Order #{order.Id} is already being carried on.", "Wait for it to finish.");
        }

        try
        {
            var issued = await CompleteStoredAsync(order, orderUrl, progress, cancellationToken);
            return await SettleAsync(order.Id, order.DirectoryUrl, order.Names, issued, actor, inProgress: order.Status == AcmeOrderStatus.InProgress, cancellationToken);
        }
        finally
        {
            _running.TryRemove(order.Id, out _);
        }
    }

    /// <summary>Installs an issued certificate that was held (a renewal held for confirmation, or an order resumed after a restart).</summary>
    public async Task<Result<InstalledCertificate>> InstallHeldAsync(long orderId, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        var order = await store.GetOrderAsync(orderId, cancellationToken);
        if (order is not { Status: AcmeOrderStatus.Held })
        {
            return Problem.Error("acme.nothing-held", $"Order #{orderId} holds no certificate waiting to be installed.", "Reload the page; it may have been installed already.");
        }

        var continued = await ContinueAsync(order, actor, null, cancellationToken);
        if (!continued.Succeeded)
        {
            return Result<InstalledCertificate>.Failure(continued.Problems);
        }

        using var enrollment = continued.Value;
        return await InstallAsync(enrollment, warningsConfirmed, actor, cancellationToken);
    }

    private async Task<Result<AcmeIssuedCertificate>> CompleteStoredAsync(AcmeOrderSummary order, Uri orderUrl, IProgress<AcmeProgress>? progress, CancellationToken cancellationToken)
    {
        // The key type was chosen when the order was placed; the chain doctor applies the install policy to the result.
        var request = CsrRequestValidator.Validate(new CsrForm { CommonName = order.Names[0], AlternateNames = [.. order.Names.Skip(1)], KeySize = order.KeySize }, allowEcdsa: true);
        if (!request.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(request.Problems);
        }

        var responder = await ResponderAsync(order.ChallengeWay, cancellationToken);
        if (!responder.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(responder.Problems);
        }

        using var secrets = responder.Value as IDisposable;
        var session = await accounts.OpenAsync(order.DirectoryUrl, cancellationToken);
        if (!session.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(session.Problems);
        }

        using var accountKey = session.Value.Key;
        var current = await client.GetOrderAsync(session.Value, orderUrl, cancellationToken);
        if (!current.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(current.Problems);
        }

        var key = await store.LoadCertificateKeyAsync(order.Id, cancellationToken);
        var plan = new AcmeOrderPlan(request.Value, responder.Value, order.Replaces, null, (fresh, token) => store.SaveCertificateKeyAsync(order.Id, fresh, token));
        var recorder = new OrderProgress(store, order.Id, progress, timeProvider);
        var issued = await flow.CompleteAsync(session.Value, current.Value, plan, recorder, key, cancellationToken);
        if (!issued.Succeeded)
        {
            key?.Dispose();
        }

        return issued;
    }

    /// <summary>The same atomic switch-over as 'Upload and install'; the order is marked installed.</summary>
    public async Task<Result<InstalledCertificate>> InstallAsync(AcmeEnrollment enrollment, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var installed = await handoff.InstallAsync(enrollment.Examination, warningsConfirmed, actor, cancellationToken);
        if (installed.Succeeded)
        {
            // Kept as GetCertHashString gives it (hex, no colons), the form the renewal matches the presented certificate by.
            await store.MarkInstalledAsync(enrollment.OrderId, installed.Value.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal), $"Installed by {actor} as version {installed.Value.Version}.", timeProvider.GetUtcNow(), cancellationToken);
        }

        return installed;
    }

    private async Task<Result<AcmeEnrollment>> SettleAsync(long orderId, Uri directoryUrl, IReadOnlyList<string> names, Result<AcmeIssuedCertificate> issued, string actor, bool inProgress, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!issued.Succeeded && !inProgress)
        {
            // A held certificate stays held (its key kept) when fetching it again fails: the administrator can retry.
            return Result<AcmeEnrollment>.Failure(issued.Problems);
        }

        if (!issued.Succeeded)
        {
            var problem = issued.Problems[0];
            await store.FinishOrderAsync(orderId, AcmeOrderStatus.Failed, problem.Message, now, cancellationToken);
            ConsoleMetrics.EnrollmentFinished("acme", "failed");
            await events.RecordAsync(EventSeverity.Warning, AcmeAccountService.EventSource, $"ACME order for {string.Join(", ", names)} at {directoryUrl.Authority} failed: {problem.Message} {problem.Fix}", actor, null, cancellationToken);
            return Result<AcmeEnrollment>.Failure(issued.Problems);
        }

        using var certificate = issued.Value;
        var examination = await handoff.ExamineAsync(certificate.Certificate, certificate.Issuers, certificate.Key, new EnrollmentSource(EnrollmentKind.Acme, directoryUrl.Authority), cancellationToken);
        if (inProgress)
        {
            await store.FinishOrderAsync(orderId, AcmeOrderStatus.Held, "Issued; waiting to be installed.", now, cancellationToken);
        }

        var fingerprint = certificate.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (inProgress)
        {
            ConsoleMetrics.EnrollmentFinished("acme", "issued");
            await events.RecordAsync(EventSeverity.Info, AcmeAccountService.EventSource, $"Certificate '{certificate.Certificate.SubjectText()}' issued by the ACME CA at {directoryUrl.Authority} (order {certificate.OrderUrl}); not installed yet.", actor, fingerprint, cancellationToken);
        }

        return Result<AcmeEnrollment>.Success(new AcmeEnrollment(orderId, certificate.OrderUrl, examination, certificate.AlternateCount));
    }

    private async Task<Result<IAcmeChallengeResponder>> ResponderAsync(string way, CancellationToken cancellationToken)
    {
        var options = challengeOptions.Value;
        if (way == AcmeChallengeWays.DnsRfc2136)
        {
            return await dnsUpdates.GetAsync(cancellationToken) is { } settings
                ? Result<IAcmeChallengeResponder>.Success(new Rfc2136DnsResponder(settings, timeProvider, options.DnsPropagationTimeout, options.DnsQueryTimeout))
                : Problem.Error("acme.dns-update-not-configured", "No DNS server is configured for dns-01 by RFC 2136 dynamic update.", "Save the server, zone and TSIG key with 'certman acme dns-update', or choose another challenge type.");
        }

        return way switch
        {
            AcmeChallengeWays.HttpConsole => Result<IAcmeChallengeResponder>.Success(new ConsoleHttpResponder(store, timeProvider, options.HttpAnswerLifetime)),
            AcmeChallengeWays.HttpWebRoot when options.WebRootDirectory is { Length: > 0 } root => Result<IAcmeChallengeResponder>.Success(new WebRootHttpResponder(root)),
            AcmeChallengeWays.DnsHook when options.DnsHook is { FileName.Length: > 0 } hook => Result<IAcmeChallengeResponder>.Success(new HookDnsResponder(hook, options.DnsHookTimeout)),
            AcmeChallengeWays.HttpWebRoot => Problem.Error("acme.webroot-not-configured", "No web root is configured for http-01.", "Set CertManager:Acme:Challenges:WebRootDirectory to the document root of the web server that serves port 80, or choose another challenge type."),
            AcmeChallengeWays.DnsHook => Problem.Error("acme.dns-hook-not-configured", "No DNS hook command is configured for dns-01.", "Set CertManager:Acme:Challenges:DnsHook (FileName and Arguments) to a program that adds and removes TXT records at your DNS provider."),
            _ => Problem.Error("acme.challenge-way-invalid", $"'{way}' is not a challenge type CertManager offers.", $"Choose one of {string.Join(", ", AcmeChallengeWays.All)}."),
        };
    }

    /// <summary>Passes progress on and keeps each step (and the order URL) on the stored order.</summary>
    private sealed class OrderProgress(AcmeStore store, long orderId, IProgress<AcmeProgress>? inner, TimeProvider timeProvider) : IProgress<AcmeProgress>
    {
        public void Report(AcmeProgress value)
        {
            // Recorded synchronously so the stored step never lags behind what the page shows.
            store.RecordStepAsync(orderId, value.Step.ToString(), value.OrderUrl, timeProvider.GetUtcNow()).GetAwaiter().GetResult();
            inner?.Report(value);
        }
    }
}
