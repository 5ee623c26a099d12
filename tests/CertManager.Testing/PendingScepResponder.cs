using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace CertManager.Testing;

/// <summary>
/// Test responder: Debian's scepserver cannot answer PENDING or CertPoll, so this small SCEP server of ours stands in
/// for a CA whose administrator approves requests by hand (NDES with manual issuance, EJBCA with approvals). It is a
/// fake only in that respect: it speaks real RFC 8894 over HTTP on 127.0.0.1 (a free port), verifies and decrypts our
/// pkiMessages with BouncyCastle, answers every PKCSReq PENDING, and answers each CertPoll as <see cref="OnPoll"/>
/// says: still PENDING, SUCCESS with a certificate it issues from the stored CSR, or FAILURE with
/// <see cref="RejectWith"/>. A RenewalReq (RFC 8894 §3.3.1.2, signed with the certificate being renewed) is treated
/// like a PKCSReq, or answered at once with a certificate when <see cref="OnRequest"/> says so; GetCACaps offers
/// "Renewal". Replies carry the transactionID, a fresh senderNonce and the request's nonce as
/// recipientNonce, and are signed by its CA.
/// </summary>
public sealed class PendingScepResponder : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;
    private readonly ConcurrentDictionary<string, byte[]> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScepRequestSeen> _seen = new();
    private readonly Task _loop;
    private int _serial = 100;

    public PendingScepResponder(string caName = "CN=Pending Test CA,O=CertManager Tests")
    {
        var request = new CertificateRequest(caName, _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        _ca = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public enum Answer
    {
        Pending,
        Issue,
        Reject,
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/scep";

    /// <summary>The CA certificate (no key), e.g. to trust it.</summary>
    public X509Certificate2 CaCertificate => X509CertificateLoader.LoadCertificate(_ca.RawData);

    /// <summary>How the next PKCSReq/RenewalReq are answered: PENDING (the default) or SUCCESS at once.</summary>
    public Answer OnRequest { get; set; } = Answer.Pending;

    /// <summary>How the next CertPolls are answered.</summary>
    public Answer OnPoll { get; set; } = Answer.Pending;

    /// <summary>The failInfo of a FAILURE (RFC 8894 §3.2.1.4): 2 is badRequest.</summary>
    public int RejectWith { get; set; } = 2;

    /// <summary>Whether issued certificates carry the serverAuth extended key usage.</summary>
    public bool ServerAuth { get; set; } = true;

    /// <summary>Every pkiMessage received, in order.</summary>
    public IReadOnlyList<ScepRequestSeen> Seen => [.. _seen];

    public int PollCount => _seen.Count(s => s.MessageType == "20");

    public void Dispose()
    {
        // Close alone: on Linux a Stop followed by Close removes the prefix twice, and the second removal binds the
        // port again, which fails when another test has taken it meanwhile.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; how it ended does not matter here.
        }

        _ca.Dispose();
        _caKey.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception exception) when (exception is CmsException or IOException or ArgumentException or InvalidOperationException or CryptographicException)
            {
                context.Response.StatusCode = 500;
                await WriteAsync(context, "text/plain", System.Text.Encoding.UTF8.GetBytes(exception.Message));
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        switch (context.Request.QueryString["operation"])
        {
            case "GetCACaps":
                await WriteAsync(context, "text/plain", "POSTPKIOperation\nSHA-256\nAES\nSCEPStandard\nRenewal\n"u8.ToArray());
                return;
            case "GetCACert":
                await WriteAsync(context, "application/x-x509-ca-cert", _ca.RawData);
                return;
            case "PKIOperation":
                using (var body = new MemoryStream())
                {
                    if (context.Request.HttpMethod == "POST")
                    {
                        await context.Request.InputStream.CopyToAsync(body);
                    }
                    else
                    {
                        body.Write(Convert.FromBase64String(context.Request.QueryString["message"] ?? string.Empty));
                    }

                    await WriteAsync(context, "application/x-pki-message", Reply(body.ToArray()));
                }

                return;
            default:
                context.Response.StatusCode = 404;
                await WriteAsync(context, "text/plain", []);
                return;
        }
    }

    private byte[] Reply(byte[] message)
    {
        var signed = new CmsSignedData(message);
        var signer = signed.GetSignerInfos().GetSigners().Single();
        var signerCertificate = signed.GetCertificates().EnumerateMatches(signer.SignerID).Single();
        if (!signer.Verify(signerCertificate))
        {
            throw new InvalidOperationException("The pkiMessage signature does not verify.");
        }

        var attributes = signer.SignedAttributes;
        var transactionId = ((IAsn1String)attributes[new DerObjectIdentifier(TransactionIdOid)].AttrValues[0]).GetString();
        var messageType = ((IAsn1String)attributes[new DerObjectIdentifier(MessageTypeOid)].AttrValues[0]).GetString();
        var senderNonce = ((Asn1OctetString)attributes[new DerObjectIdentifier(SenderNonceOid)].AttrValues[0]).GetOctets();
        var envelope = new CmsEnvelopedData(((Asn1OctetString)SignedData.GetInstance(signed.ContentInfo.Content).EncapContentInfo.Content).GetOctets());
        var content = envelope.GetRecipientInfos().GetRecipients().First().GetContent(DotNetUtilities.GetRsaKeyPair(_caKey).Private);

        string? issuer = null;
        string? subject = null;
        if (messageType == "20")
        {
            // RFC 8894 §3.3.3: IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name }.
            var reader = new AsnReader(content, AsnEncodingRules.DER).ReadSequence();
            issuer = new X500DistinguishedName(reader.ReadEncodedValue().Span).Name;
            subject = new X500DistinguishedName(reader.ReadEncodedValue().Span).Name;
        }

        _seen.Enqueue(new ScepRequestSeen(messageType, transactionId, senderNonce, issuer, subject));
        if (messageType is "19" or "17")
        {
            _requests[transactionId] = content;
            return OnRequest == Answer.Issue
                ? CertRep(transactionId, senderNonce, "0", null, Issue(content, signerCertificate))
                : CertRep(transactionId, senderNonce, "3", null, []);
        }

        if (messageType != "20" || !_requests.TryGetValue(transactionId, out var csr))
        {
            return CertRep(transactionId, senderNonce, "2", "4", []);
        }

        return OnPoll switch
        {
            Answer.Pending => CertRep(transactionId, senderNonce, "3", null, []),
            Answer.Reject => CertRep(transactionId, senderNonce, "2", RejectWith.ToString(System.Globalization.CultureInfo.InvariantCulture), []),
            _ => CertRep(transactionId, senderNonce, "0", null, Issue(csr, signerCertificate)),
        };
    }

    /// <summary>A SUCCESS envelope: the issued certificate and the CA in a degenerate PKCS#7, encrypted to the requester's signer certificate.</summary>
    private byte[] Issue(byte[] csr, BcCertificate requester)
    {
        var request = CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_ca, now.AddHours(-1), now.AddDays(90), BitConverter.GetBytes(Interlocked.Increment(ref _serial)).Reverse().ToArray());

        var degenerate = new CmsSignedDataGenerator();
        degenerate.AddCertificate(new BcCertificate(issued.RawData));
        degenerate.AddCertificate(new BcCertificate(_ca.RawData));
        var certificates = degenerate.Generate(new CmsProcessableByteArray([]), encapsulate: false).GetEncoded();
        var envelope = new CmsEnvelopedDataGenerator();
        envelope.AddKeyTransRecipient(requester);
        return envelope.Generate(new CmsProcessableByteArray(certificates), new DerObjectIdentifier(CmsEnvelopedGenerator.Aes128Cbc)).GetEncoded();
    }

    private byte[] CertRep(string transactionId, byte[] recipientNonce, string status, string? failInfo, byte[] content)
    {
        var attributes = new Asn1EncodableVector
        {
            Attribute(TransactionIdOid, new DerPrintableString(transactionId)),
            Attribute(MessageTypeOid, new DerPrintableString("3")),
            Attribute(PkiStatusOid, new DerPrintableString(status)),
            Attribute(SenderNonceOid, new DerOctetString(RandomNumberGenerator.GetBytes(16))),
            Attribute(RecipientNonceOid, new DerOctetString(recipientNonce)),
        };
        if (failInfo is not null)
        {
            attributes.Add(Attribute(FailInfoOid, new DerPrintableString(failInfo)));
        }

        var generator = new CmsSignedDataGenerator();
        var ca = new BcCertificate(_ca.RawData);
        generator.AddSigner(DotNetUtilities.GetRsaKeyPair(_caKey).Private, ca, CmsSignedGenerator.DigestSha256, new AttributeTable(attributes), null);
        generator.AddCertificate(ca);
        return generator.Generate(new CmsProcessableByteArray(content), encapsulate: true).GetEncoded();
    }

    private static async Task WriteAsync(HttpListenerContext context, string mediaType, byte[] body)
    {
        context.Response.ContentType = mediaType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private static Org.BouncyCastle.Asn1.Cms.Attribute Attribute(string oid, Asn1Encodable value) => new(new DerObjectIdentifier(oid), new DerSet(value));

    private const string MessageTypeOid = "2.16.840.1.113733.1.9.2";
    private const string PkiStatusOid = "2.16.840.1.113733.1.9.3";
    private const string FailInfoOid = "2.16.840.1.113733.1.9.4";
    private const string SenderNonceOid = "2.16.840.1.113733.1.9.5";
    private const string RecipientNonceOid = "2.16.840.1.113733.1.9.6";
    private const string TransactionIdOid = "2.16.840.1.113733.1.9.7";
}

/// <summary>One pkiMessage the <see cref="PendingScepResponder"/> received; issuer and subject only for a CertPoll.</summary>
public sealed record ScepRequestSeen(string MessageType, string TransactionId, byte[] SenderNonce, string? Issuer, string? Subject);
