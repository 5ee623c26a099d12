using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace CertManager.Scep.Protocol;

/// <summary>
/// Reads and verifies a CertRep (RFC 8894 §3.3.2): the SignedData signature must verify with one of the CA/RA
/// certificates the administrator confirmed, messageType must be CertRep, the transactionID must be ours and the
/// recipientNonce must echo our senderNonce (§3.2.1.5); only then are pkiStatus and failInfo believed. On SUCCESS
/// the pkcsPKIEnvelope is opened with the request key and its degenerate PKCS#7 yields the issued certificate.
/// </summary>
internal static class CertRepReader
{
    public static (CertRep? Reply, CertRepFault? Fault) Read(byte[] body, CaCertificateSet ca, string transactionId, byte[] senderNonce, RSA requestKey)
    {
        CmsSignedData signed;
        SignerInformation signer;
        try
        {
            signed = new CmsSignedData(body);
            signer = signed.GetSignerInfos().GetSigners().Single();
        }
        catch (Exception exception) when (IsParseFailure(exception))
        {
            return (null, CertRepFault.NotCms);
        }

        var signerCertificate = FindSigner(signer, ca);
        if (signerCertificate is null)
        {
            return (null, CertRepFault.SignerUnknown);
        }

        try
        {
            if (!signer.Verify(new Org.BouncyCastle.X509.X509Certificate(signerCertificate.RawData)))
            {
                return (null, CertRepFault.SignatureInvalid);
            }
        }
        catch (Exception exception) when (exception is CmsException or SecurityUtilityException or Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException)
        {
            return (null, CertRepFault.SignatureInvalid);
        }

        var attributes = signer.SignedAttributes;
        if (attributes is null || ReadString(attributes[new DerObjectIdentifier(ScepOids.MessageType)]) != ((int)ScepMessageType.CertRep).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return (null, CertRepFault.NotCertRep);
        }

        if (ReadString(attributes[new DerObjectIdentifier(ScepOids.TransactionId)]) != transactionId)
        {
            return (null, CertRepFault.TransactionIdMismatch);
        }

        var recipientNonce = ReadOctets(attributes[new DerObjectIdentifier(ScepOids.RecipientNonce)]);
        if (recipientNonce is null || !CryptographicOperations.FixedTimeEquals(recipientNonce, senderNonce))
        {
            return (null, CertRepFault.NonceMismatch);
        }

        var status = ReadString(attributes[new DerObjectIdentifier(ScepOids.PkiStatus)]) switch
        {
            "0" => PkiStatus.Success,
            "2" => PkiStatus.Failure,
            "3" => PkiStatus.Pending,
            _ => (PkiStatus?)null,
        };
        switch (status)
        {
            case null:
                return (null, CertRepFault.StatusMissing);
            case PkiStatus.Failure:
                // RFC 8894 §3.2.1.4: failInfo is present only with FAILURE; an unknown value is reported as such.
                var failInfo = int.TryParse(ReadString(attributes[new DerObjectIdentifier(ScepOids.FailInfo)]), out var code) && Enum.IsDefined(typeof(FailInfo), code)
                    ? (FailInfo?)code
                    : null;
                return (new CertRep(PkiStatus.Failure, failInfo, []), null);
            case PkiStatus.Pending:
                return (new CertRep(PkiStatus.Pending, null, []), null);
        }

        var certificates = OpenEnvelope(signed, requestKey);
        if (certificates is null)
        {
            return (null, CertRepFault.EnvelopeUnreadable);
        }

        return certificates.Count == 0 ? (null, CertRepFault.NoCertificate) : (new CertRep(PkiStatus.Success, null, certificates), null);
    }

    /// <summary>The signer is taken from the confirmed CA/RA set first; a certificate only found inside the reply is trusted when it is one of them.</summary>
    private static X509Certificate2? FindSigner(SignerInformation signer, CaCertificateSet ca)
    {
        foreach (var candidate in ca.Certificates)
        {
            if (signer.SignerID.Match(new Org.BouncyCastle.X509.X509Certificate(candidate.RawData)))
            {
                return candidate;
            }
        }

        // A reply signed by a certificate that was not in the confirmed GetCACert answer is not trusted.
        return null;
    }

    private static List<X509Certificate2>? OpenEnvelope(CmsSignedData signed, RSA requestKey)
    {
        try
        {
            // RFC 8894 §3.3.2: on SUCCESS the encapsulated content is the pkcsPKIEnvelope.
            if (Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(signed.ContentInfo.Content).EncapContentInfo.Content is not Asn1OctetString encapsulated)
            {
                return null;
            }

            var content = encapsulated.GetOctets();
            var envelope = new CmsEnvelopedData(content);
            var key = DotNetUtilities.GetRsaKeyPair(requestKey).Private;
            foreach (var recipient in envelope.GetRecipientInfos().GetRecipients())
            {
                var inner = recipient.GetContent(key);
                var degenerate = new CmsSignedData(inner);
                return degenerate.GetCertificates().EnumerateMatches(null)
                    .Select(c => X509CertificateLoader.LoadCertificate(c.GetEncoded()))
                    .ToList();
            }

            return null;
        }
        catch (Exception exception) when (IsParseFailure(exception))
        {
            return null;
        }
    }

    private static string? ReadString(BcAttribute? attribute) =>
        attribute?.AttrValues.Count > 0 && attribute.AttrValues[0] is IAsn1String text ? text.GetString() : null;

    private static byte[]? ReadOctets(BcAttribute? attribute) =>
        attribute?.AttrValues.Count > 0 && attribute.AttrValues[0] is Asn1OctetString octets ? octets.GetOctets() : null;

    private static bool IsParseFailure(Exception exception) =>
        exception is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException or CryptographicException or Org.BouncyCastle.Crypto.InvalidCipherTextException;
}
