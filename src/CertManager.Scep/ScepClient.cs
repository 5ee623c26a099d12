using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Results;
using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;
using Microsoft.Extensions.Options;

namespace CertManager.Scep;

/// <summary>
/// A SCEP client (RFC 8894): asks the CA what it can do and for its certificates, then sends a PKCSReq and
/// verifies the CertRep. The HTTP exchange is <see cref="ScepHttpTransport"/>'s; the CMS work is in
/// <see cref="PkiMessageBuilder"/> and <see cref="CertRepReader"/>.
/// </summary>
public sealed class ScepClient
{
    private readonly ScepHttpTransport _transport;
    private readonly TimeProvider _timeProvider;

    public ScepClient(HttpClient http, IOptions<ScepOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ScepHttpTransport(http, TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        _timeProvider = timeProvider;
    }

    /// <summary>GetCACaps (RFC 8894 §3.5.1). An empty answer is allowed and means "nothing beyond the defaults".</summary>
    public async Task<Result<ScepCapabilities>> GetCapabilitiesAsync(ScepEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var answer = await _transport.GetAsync(endpoint, "GetCACaps", null, cancellationToken);
        if (!answer.Succeeded)
        {
            return Result<ScepCapabilities>.Failure(answer.Problems);
        }

        var (body, mediaType) = answer.Value;
        var text = Encoding.UTF8.GetString(body);
        if (mediaType is "text/html" || text.TrimStart().StartsWith('<') || text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            return ScepErrors.NotScep(endpoint.Url, "GetCACaps returned a web page or binary data instead of a list of capabilities.");
        }

        return Result<ScepCapabilities>.Success(ScepCapabilities.Parse(text));
    }

    /// <summary>GetCACert (RFC 8894 §4.2): one CA certificate, or RA certificates and their CA in a degenerate PKCS#7.</summary>
    public async Task<Result<CaCertificateSet>> GetCaCertificatesAsync(ScepEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var answer = await _transport.GetAsync(endpoint, "GetCACert", null, cancellationToken);
        if (!answer.Succeeded)
        {
            return Result<CaCertificateSet>.Failure(answer.Problems);
        }

        return CaCertificateSet.Parse(answer.Value.Body) is { } set
            ? Result<CaCertificateSet>.Success(set)
            : ScepErrors.NotScep(endpoint.Url, $"GetCACert returned {answer.Value.MediaType ?? "an untyped answer"} that is neither a certificate nor a PKCS#7 certificate bundle.");
    }

    /// <summary>Both GetCACaps and GetCACert, and the algorithms chosen; stops when the CA offers nothing strong enough.</summary>
    public async Task<Result<ScepCaInfo>> ContactAsync(ScepEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        var capabilities = await GetCapabilitiesAsync(endpoint, cancellationToken);
        if (!capabilities.Succeeded)
        {
            return Result<ScepCaInfo>.Failure(capabilities.Problems);
        }

        if (ScepAlgorithms.Choose(capabilities.Value) is not { } algorithms)
        {
            return ScepErrors.WeakAlgorithms(capabilities.Value);
        }

        var certificates = await GetCaCertificatesAsync(endpoint, cancellationToken);
        return certificates.Succeeded
            ? Result<ScepCaInfo>.Success(new ScepCaInfo(endpoint, capabilities.Value, algorithms, certificates.Value))
            : Result<ScepCaInfo>.Failure(certificates.Problems);
    }

    /// <summary>
    /// Sends a PKCSReq (RFC 8894 §3.3.1) for <paramref name="csr"/>, signed with <paramref name="key"/> under a transient
    /// self-signed certificate, and verifies the CertRep. FAILURE becomes a failed result with the failInfo in words;
    /// PENDING carries the signer certificate and nonce so the transaction can be kept and polled.
    /// </summary>
    public async Task<Result<ScepReply>> EnrollAsync(
        ScepCaInfo ca, RSA key, byte[] csr, X500DistinguishedName subject, IProgress<ScepStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(key);
        // RFC 8894 §3.2.1.1: the transactionID should be a hash of the public key, so a retry is recognised as the same request.
        var transactionId = Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        using var signer = PkiMessageBuilder.CreateTransientSigner(key, subject, _timeProvider.GetUtcNow());
        var exchange = await ExchangeAsync(ca, ScepMessageType.PkcsReq, csr, signer, key, transactionId, () => progress?.Report(ScepStep.RequestSignedAndEncrypted), cancellationToken);
        if (!exchange.Succeeded)
        {
            return Result<ScepReply>.Failure(exchange.Problems);
        }

        progress?.Report(ScepStep.RequestSent);
        var (reply, senderNonce) = exchange.Value;
        switch (reply.Status)
        {
            case PkiStatus.Failure:
                progress?.Report(ScepStep.Rejected);
                return ScepErrors.Rejected(reply.FailInfo);
            case PkiStatus.Pending:
                progress?.Report(ScepStep.Pending);
                return Result<ScepReply>.Success(new ScepReply(PkiStatus.Pending, transactionId, null, []) { SignerCertificate = signer.RawData, SenderNonce = senderNonce });
        }

        var issued = FindIssued(reply, key);
        if (issued is null)
        {
            return ScepErrors.BadReply(CertRepFault.NoCertificate);
        }

        progress?.Report(ScepStep.Issued);
        return Result<ScepReply>.Success(new ScepReply(PkiStatus.Success, transactionId, issued, reply.Certificates));
    }

    /// <summary>
    /// Re-enrollment (RFC 8894 §3.3.1.2): a RenewalReq for <paramref name="csr"/> (made from a fresh
    /// <paramref name="newKey"/>) signed with the certificate being renewed and its key instead of a transient
    /// self-signed certificate, so the CA can tell who is renewing; the CertRep is enveloped for that certificate. Only
    /// sent to a CA that offers "Renewal" in GetCACaps (§3.5.2). A CA that still wants an enrollment password for
    /// renewals takes it as the CSR's challengePassword; one that refuses says so in words.
    /// </summary>
    public async Task<Result<ScepReply>> RenewAsync(
        ScepCaInfo ca, X509Certificate2 current, RSA currentKey, RSA newKey, byte[] csr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(newKey);
        if (!ca.Capabilities.Renewal)
        {
            return ScepErrors.RenewalNotOffered(ca.Endpoint.Url);
        }

        var transactionId = Convert.ToHexString(SHA256.HashData(newKey.ExportSubjectPublicKeyInfo()));
        var exchange = await ExchangeAsync(ca, ScepMessageType.RenewalReq, csr, current, currentKey, transactionId, null, cancellationToken);
        if (!exchange.Succeeded)
        {
            return Result<ScepReply>.Failure(exchange.Problems);
        }

        var (reply, senderNonce) = exchange.Value;
        switch (reply.Status)
        {
            case PkiStatus.Failure:
                return reply.FailInfo == FailInfo.BadRequest ? ScepErrors.RenewalRefused(current) : ScepErrors.Rejected(reply.FailInfo);
            case PkiStatus.Pending:
                // Kept and polled like a first enrollment's; the CertPolls are signed with the certificate being renewed (§3.3.3).
                return Result<ScepReply>.Success(new ScepReply(PkiStatus.Pending, transactionId, null, []) { SignerCertificate = current.RawData, SenderNonce = senderNonce });
        }

        var issued = FindIssued(reply, newKey);
        return issued is null
            ? ScepErrors.BadReply(CertRepFault.NoCertificate)
            : Result<ScepReply>.Success(new ScepReply(PkiStatus.Success, transactionId, issued, reply.Certificates));
    }

    /// <summary>
    /// Asks about a PENDING transaction with a CertPoll (RFC 8894 §3.3.3, GetCertInitial in older drafts): the same
    /// transactionID, signed with the same key under the same transient certificate, with a fresh senderNonce. The
    /// CA's answer, SUCCESS, FAILURE or still PENDING, is a value; a failed result means the question did not get a
    /// trustworthy answer (network, HTTP, or a reply that does not verify) and may be asked again later. For a
    /// re-enrollment <paramref name="key"/> is the renewed certificate's (it signed the RenewalReq) and
    /// <paramref name="requestKey"/> the new one the issued certificate carries.
    /// </summary>
    public async Task<Result<ScepPollReply>> PollAsync(
        ScepCaInfo ca, RSA key, X509Certificate2 signer, string transactionId, RSA? requestKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signer);
        // The issuer is the CA proper, not an RA answering for it (RFC 8894 §3.3.3).
        var issuerAndSubject = PkiMessageBuilder.IssuerAndSubject(ca.Certificates.Authorities[0].SubjectName, signer.SubjectName);
        var exchange = await ExchangeAsync(ca, ScepMessageType.CertPoll, issuerAndSubject, signer, key, transactionId, null, cancellationToken);
        if (!exchange.Succeeded)
        {
            return Result<ScepPollReply>.Failure(exchange.Problems);
        }

        var (reply, senderNonce) = exchange.Value;
        if (reply.Status != PkiStatus.Success)
        {
            return Result<ScepPollReply>.Success(new ScepPollReply(reply.Status, reply.FailInfo, null, [], senderNonce));
        }

        var issued = FindIssued(reply, requestKey ?? key);
        return issued is null
            ? ScepErrors.BadReply(CertRepFault.NoCertificate)
            : Result<ScepPollReply>.Success(new ScepPollReply(PkiStatus.Success, null, issued, reply.Certificates, senderNonce));
    }

    /// <summary>One pkiMessage and its verified CertRep, with the fresh senderNonce it carried (RFC 8894 §3.2.1.5).</summary>
    private async Task<Result<(CertRep Reply, byte[] SenderNonce)>> ExchangeAsync(
        ScepCaInfo ca, ScepMessageType messageType, byte[] content, X509Certificate2 signer, RSA key, string transactionId, Action? built, CancellationToken cancellationToken)
    {
        // RFC 8894 §3.2.1.5: a fresh 16-byte nonce the CA must echo as recipientNonce.
        var senderNonce = RandomNumberGenerator.GetBytes(16);
        var message = PkiMessageBuilder.Build(messageType, content, ca.Certificates.Recipient, ca.Algorithms, signer, key, transactionId, senderNonce);
        built?.Invoke();

        var answer = await _transport.PkiOperationAsync(ca.Endpoint, message, ca.Capabilities.PostPkiOperation, cancellationToken);
        if (!answer.Succeeded)
        {
            return Result<(CertRep, byte[])>.Failure(answer.Problems);
        }

        var (reply, fault) = CertRepReader.Read(answer.Value.Body, ca.Certificates, transactionId, senderNonce, key);
        if (fault is { } badReply)
        {
            return badReply == CertRepFault.NotCms
                ? ScepErrors.NotScep(ca.Endpoint.Url, $"PKIOperation returned {answer.Value.MediaType ?? "an untyped answer"} that is not a CMS (PKCS#7) message.")
                : ScepErrors.BadReply(badReply);
        }

        return Result<(CertRep, byte[])>.Success((reply!, senderNonce));
    }

    private static X509Certificate2? FindIssued(CertRep reply, RSA key)
    {
        var publicKey = key.ExportSubjectPublicKeyInfo();
        return reply.Certificates.FirstOrDefault(c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey));
    }
}
