using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace CertManager.Scep.Protocol;

/// <summary>
/// Builds a pkiMessage (RFC 8894 §3.2): the request is enveloped for the CA or RA (pkcsPKIEnvelope, §3.2.2) and the
/// envelope signed with the requester's key (§3.2.1) under the transient self-signed certificate of §2.3, carrying
/// the transactionID, messageType and senderNonce as signed attributes.
/// </summary>
internal static class PkiMessageBuilder
{
    public static byte[] Build(
        ScepMessageType messageType,
        byte[] content,
        X509Certificate2 recipient,
        ScepAlgorithms algorithms,
        X509Certificate2 signerCertificate,
        RSA signerKey,
        string transactionId,
        byte[] senderNonce)
    {
        // pkcsPKIEnvelope: EnvelopedData, key transport to the recipient's RSA key (RFC 8894 §3.2.2).
        var envelopeGenerator = new CmsEnvelopedDataGenerator();
        envelopeGenerator.AddKeyTransRecipient(new BcCertificate(recipient.RawData));
        var envelope = envelopeGenerator.Generate(new CmsProcessableByteArray(content), new DerObjectIdentifier(algorithms.CipherOid));

        // The signed attributes every request carries (RFC 8894 §3.2.1): all PrintableString except the nonce.
        var attributes = new Asn1EncodableVector
        {
            Attribute(ScepOids.TransactionId, new DerPrintableString(transactionId)),
            Attribute(ScepOids.MessageType, new DerPrintableString(((int)messageType).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Attribute(ScepOids.SenderNonce, new DerOctetString(senderNonce)),
        };

        var signer = new BcCertificate(signerCertificate.RawData);
        var signedGenerator = new CmsSignedDataGenerator();
        signedGenerator.AddSigner(DotNetUtilities.GetRsaKeyPair(signerKey).Private, signer, algorithms.DigestOid, new AttributeTable(attributes), null);
        signedGenerator.AddCertificate(signer);
        var signed = signedGenerator.Generate(new CmsProcessableByteArray(envelope.GetEncoded()), encapsulate: true);
        return signed.GetEncoded();
    }

    /// <summary>
    /// The transient self-signed certificate that signs the request (RFC 8894 §2.3): same key and subject as the CSR.
    /// The CA identifies the reply's recipient by its issuer and serial number. It is valid for
    /// <see cref="TransientSignerValidity"/> because a PENDING transaction is polled with the same certificate.
    /// </summary>
    public static X509Certificate2 CreateTransientSigner(RSA key, X500DistinguishedName subject, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        return request.CreateSelfSigned(now.AddMinutes(-10), now + TransientSignerValidity);
    }

    /// <summary>How long the transient signer is valid: the longest a pending transaction may be polled (<see cref="ScepPollingOptions.MaxAgeHours"/>).</summary>
    public static readonly TimeSpan TransientSignerValidity = TimeSpan.FromDays(30);

    /// <summary>
    /// The messageData of a CertPoll (RFC 8894 §3.3.3): <c>IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name }</c>,
    /// the name of the CA expected to issue and the subject of the request.
    /// </summary>
    public static byte[] IssuerAndSubject(X500DistinguishedName issuer, X500DistinguishedName subject)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(issuer.RawData);
            writer.WriteEncodedValue(subject.RawData);
        }

        return writer.Encode();
    }

    private static Org.BouncyCastle.Asn1.Cms.Attribute Attribute(string oid, Asn1Encodable value) =>
        new(new DerObjectIdentifier(oid), new DerSet(value));
}
