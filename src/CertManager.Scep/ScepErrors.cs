using CertManager.Core.Certificates;
using CertManager.Core.Results;
using CertManager.Scep.Protocol;

namespace CertManager.Scep;

/// <summary>
/// What can go wrong talking to a SCEP server, each with a stable code, a message in plain words and what to check.
/// Transport failures, replies that cannot be trusted, and the CA's own FAILURE answers (RFC 8894 §3.2.1.4) are kept
/// apart so the administrator knows whether to look at the network, the address or the CA's policy.
/// </summary>
public static class ScepErrors
{
    public static Problem AddressInvalid(string reason) => Problem.Error("scep.address-invalid", reason, "Correct the CA address or the URI path.");

    public static Problem Unreachable(Uri url, string detail) => Problem.Error(
        "scep.unreachable",
        $"The SCEP server at {url.Authority} could not be reached: {detail}",
        "Check the CA address and port, that the SCEP service (NDES or scepserver) is running, and that no firewall blocks the connection from this server.");

    public static Problem HostUnknown(Uri url) => Problem.Error(
        "scep.host-unknown",
        $"The CA host name '{url.Host}' could not be resolved.",
        "Check the spelling of the CA address and this server's DNS settings, or enter the CA's IP address.");

    public static Problem TlsFailed(Uri url, string detail) => Problem.Error(
        "scep.tls-failed",
        $"The HTTPS connection to {url.Authority} failed: {detail}",
        "The SCEP server's HTTPS certificate is not trusted by this server or does not match the address. Trust the issuing CA on this server, use the name the certificate was issued for, or use http (SCEP messages are signed and encrypted on their own, RFC 8894 §1.2).");

    public static Problem Timeout(Uri url, TimeSpan timeout) => Problem.Error(
        "scep.timeout",
        $"The SCEP server at {url.Authority} did not answer within {timeout.TotalSeconds:0} seconds.",
        "Check that the SCEP service is not overloaded or hung, and that a proxy or firewall is not silently dropping the connection.");

    public static Problem NotFound(Uri url) => Problem.Error(
        "scep.not-found",
        $"The server at {url.Authority} answered 404 Not Found for {url.AbsolutePath}: no SCEP service is at that URI path.",
        $"Check the URI Path: Windows NDES uses {Transport.ScepEndpoint.NdesPath}, micromdm scepserver uses /scep, EJBCA uses /ejbca/publicweb/apply/scep/<alias>/pkiclient.exe.");

    public static Problem ServerError(Uri url, int status, string reason) => Problem.Error(
        "scep.server-error",
        $"The SCEP server at {url.Authority} failed with HTTP {status} {reason}.",
        "Look at the SCEP server's own log (NDES: the Application event log and IIS logs) for the cause; the request was not processed.");

    public static Problem HttpStatus(Uri url, int status, string reason) => Problem.Error(
        "scep.http-status",
        $"The server at {url.Authority} answered HTTP {status} {reason} instead of a SCEP reply.",
        "Check the CA address and URI path, and whether the SCEP service requires authentication this server does not have.");

    public static Problem AnswerTooLarge(Uri url, long limit) => Problem.Error(
        "scep.answer-too-large",
        $"The answer from {url.Authority}{url.AbsolutePath} is larger than {limit / 1024} KiB; a SCEP reply is a few kilobytes, so it was not read.",
        "Check that the CA address and URI path point to a SCEP service, not to a download or another application on the same server.");

    public static Problem FingerprintRequired(Uri url) => Problem.Error(
        "scep.fingerprint-required",
        $"The CA at {url.Authority} is reached over plain HTTP, where anyone on the network path can replace the CA certificate with their own; without --ca-fingerprint certman would trust whichever certificate arrives and send the request and enrollment password to it.",
        "Run 'certman scep cacaps --url ...', compare the CA certificate's SHA-256 fingerprint with the CA administrator over a trusted channel, and give it with --ca-fingerprint; or use an https:// URL this server trusts.");

    public static Problem NotScep(Uri url, string what) => Problem.Error(
        "scep.not-scep",
        $"The answer from {url.Authority}{url.AbsolutePath} is not a SCEP message: {what}",
        "Check that the CA address and URI path point to a SCEP service, not to a web page or another application on the same server.");

    public static Problem WeakAlgorithms(ScepCapabilities capabilities) => Problem.Error(
        "scep.weak-algorithms",
        $"The CA offers no acceptable algorithms (GetCACaps: {string.Join(", ", capabilities.Keywords.DefaultIfEmpty("nothing"))}); CertManager needs SHA-256 or better and AES or triple DES.",
        "Enable SHA-256 and AES on the SCEP server (RFC 8894 §3.5.2 'SCEPStandard'); older NDES servers need the SHA-2 update.");

    public static Problem FingerprintMismatch(string expected, IEnumerable<string> received) => Problem.Error(
        "scep.ca-fingerprint-mismatch",
        $"The CA certificate received does not have the expected SHA-256 fingerprint {expected}; received {string.Join(", ", received)}. Nothing was sent to the CA.",
        "Someone may be impersonating the CA, or the expected fingerprint is out of date. Compare the fingerprint with the CA administrator over a trusted channel.");

    public static Problem BadReply(CertRepFault fault) => fault switch
    {
        CertRepFault.NotCms => Problem.Error("scep.reply-not-cms", "The CA's reply is not a CMS (PKCS#7) message, so it is not a SCEP CertRep.", "Check that the URI path points to the SCEP service; look at the SCEP server's log for the request."),
        CertRepFault.SignerUnknown => Problem.Error("scep.reply-signer-unknown", "The CA's reply is signed by a certificate that was not among the CA/RA certificates confirmed for this enrollment.", "Check whether the CA or RA certificate was renewed; contact the CA again and confirm the certificates it shows."),
        CertRepFault.SignatureInvalid => Problem.Error("scep.reply-signature-invalid", "The signature on the CA's reply does not verify: it was altered on the way or not made by the CA.", "Retry; if it persists, check for a proxy rewriting the traffic between this server and the CA."),
        CertRepFault.NotCertRep => Problem.Error("scep.reply-not-certrep", "The CA's reply is signed but is not a CertRep message (RFC 8894 §3.3.2).", "Check the SCEP server's log; it may not support this kind of request."),
        CertRepFault.TransactionIdMismatch => Problem.Error("scep.reply-transaction-mismatch", "The CA's reply belongs to another transaction (its transactionID is not the one sent).", "Retry the enrollment; if it persists, a cache or proxy between this server and the CA is replaying old answers."),
        CertRepFault.NonceMismatch => Problem.Error("scep.reply-nonce-mismatch", "The CA's reply does not echo the nonce of this request, so it may be a replay (RFC 8894 §3.2.1.5).", "Retry the enrollment; if it persists, a cache or proxy between this server and the CA is replaying old answers."),
        CertRepFault.StatusMissing => Problem.Error("scep.reply-status-missing", "The CA's reply carries no valid pkiStatus.", "Check the SCEP server's version and log; the reply does not follow RFC 8894."),
        CertRepFault.EnvelopeUnreadable => Problem.Error("scep.reply-envelope-unreadable", "The CA said SUCCESS but its encrypted reply could not be opened with the request's key.", "Check the SCEP server's log; it may have encrypted the certificate for another recipient."),
        _ => Problem.Error("scep.reply-no-certificate", "The CA said SUCCESS but sent no certificate.", "Check the SCEP server's log and its certificate template."),
    };

    /// <summary>
    /// A FAILURE CertRep in plain words (RFC 8894 §3.2.1.4). Most servers, NDES and scepserver among them, answer a
    /// wrong or expired enrollment password with badRequest, so that message names the password first.
    /// </summary>
    public static Problem Rejected(FailInfo? failInfo) => failInfo switch
    {
        FailInfo.BadAlg => Problem.Error(
            "scep.rejected-bad-alg",
            "The CA rejected the request (failInfo badAlg): it does not accept the signature or encryption algorithm used.",
            "Check which algorithms the SCEP server allows (GetCACaps) and its minimum key size; enable SHA-256 and AES on the server."),
        FailInfo.BadMessageCheck => Problem.Error(
            "scep.rejected-bad-message-check",
            "The CA rejected the request (failInfo badMessageCheck): it could not verify the request's signature or decrypt it.",
            "Check that the CA/RA certificates confirmed here are the ones the SCEP server currently uses (an RA certificate may have been renewed), then retry."),
        FailInfo.BadRequest => Problem.Error(
            "scep.rejected-bad-request",
            "The CA rejected the request (failInfo badRequest). The most common cause is a wrong or expired enrollment password (challenge); otherwise the CA's policy does not allow this request.",
            "Get a fresh enrollment password (NDES: /certsrv/mscep_admin; one-time passwords expire and are single use), then check the SCEP server's log and policy: allowed names, key size and certificate template."),
        FailInfo.BadTime => Problem.Error(
            "scep.rejected-bad-time",
            "The CA rejected the request (failInfo badTime): the request's signing time is too far from the CA's clock.",
            "Check the clocks of this server and of the SCEP server (NTP); they must agree within a few minutes."),
        FailInfo.BadCertId => Problem.Error(
            "scep.rejected-bad-cert-id",
            "The CA rejected the request (failInfo badCertId): it found no certificate or request matching what was asked for.",
            "For a pending request, the CA may have deleted it; start a new enrollment. Check the SCEP server's log for the transaction."),
        _ => Problem.Error(
            "scep.rejected",
            "The CA rejected the request without saying why (no failInfo).",
            "Check the SCEP server's log for this transaction and the enrollment password."),
    };

    public static Problem RenewalNotOffered(Uri url) => Problem.Error(
        "scep.renewal-not-offered",
        $"The SCEP server at {url} does not offer re-enrollment (no \"Renewal\" in GetCACaps, RFC 8894 §3.5.2).",
        "Enroll again with a fresh enrollment password, or enable renewal on the SCEP server.");

    public static Problem RenewalRefused(System.Security.Cryptography.X509Certificates.X509Certificate2 current) => Problem.Error(
        "scep.renewal-refused",
        $"The CA refused the renewal request signed with the current certificate '{current.SubjectText()}' (failInfo badRequest): it wants a fresh enrollment password for renewals, or its policy does not allow renewing this certificate.",
        "Get a fresh enrollment password from the CA administrator (NDES: /certsrv/mscep_admin) and enroll again from the SCEP page; check the SCEP server's renewal policy.");

    public const string NotScepCertificateCode = "scep.not-scep-certificate";

    public static readonly Problem NotScepCertificate = Problem.Error(
        NotScepCertificateCode,
        "The presented certificate was not installed from a SCEP enrollment of this console.",
        "Enroll with 'Request a certificate from a SCEP CA' first.");

    public static Problem RenewalOpen(long id) => Problem.Error(
        "scep.renewal-open",
        $"A renewal of this certificate is already open (SCEP transaction #{id}): waiting for the CA administrator or held for you.",
        "Install or cancel it under 'SCEP enrollments in progress' on the Web Server tab, then renew again.");

    public static Problem RenewalSignerReplaced(long id) => Problem.Error(
        "scep.renewal-signer-replaced",
        $"SCEP renewal transaction #{id} was signed with a certificate that is no longer presented, so its CertPolls cannot be signed any more.",
        "Renew the presented certificate instead (Renew now on the Web Server tab).");

    public static readonly Problem ChallengeRequired = Problem.Error(
        "scep.challenge-required",
        "Enter the enrollment password (challenge) the CA administrator gave you.",
        "NDES shows one at /certsrv/mscep_admin; scepserver uses the -challenge it was started with.");

    public static Problem TransactionNotFound(long id) => Problem.Error(
        "scep.transaction-not-found",
        $"There is no SCEP transaction #{id}.",
        "Reload the Web Server tab; the list shows the pending enrollments that exist.");

    public static Problem TransactionClosed(long id) => Problem.Error(
        "scep.transaction-closed",
        $"SCEP transaction #{id} is no longer open: it was issued, rejected, cancelled or given up in the meantime.",
        "Reload the Web Server tab and look at the event log for what happened to it.");
}
