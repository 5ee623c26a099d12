using System.Security.Cryptography;
using CertManager.Core.Results;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Fleet;

/// <summary>
/// CMS EnvelopedData (RFC 5652 §6) with BouncyCastle: the content is encrypted with a fresh AES-256 key, and that key
/// with the follower's RSA public key under RSAES-OAEP with SHA-256 (RFC 8017, as CMS uses it per RFC 3560). The
/// recipient is named by subject key identifier (SHA-256 of its SubjectPublicKeyInfo). Integrity comes from the
/// edge's signature over the whole envelope (<see cref="FleetSignedMessage"/>), checked before this is opened.
/// </summary>
internal static class FleetKeyEnvelope
{
    private const string KeyTransport = "RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING";

    public static byte[] Seal(byte[] plaintext, byte[] recipientPublicKey)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        var generator = new CmsEnvelopedDataGenerator();
        generator.AddKeyTransRecipient(KeyTransport, PublicKeyFactory.CreateKey(recipientPublicKey), FleetSignedMessage.KeyIdentifier(recipientPublicKey));
        return generator.Generate(new CmsProcessableByteArray(plaintext), NistObjectIdentifiers.IdAes256Cbc).GetEncoded();
    }

    /// <summary>The content; the caller zeroes it when done.</summary>
    public static Result<byte[]> Open(byte[] envelope, RSA recipientKey)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(recipientKey);
        var pkcs8 = recipientKey.ExportPkcs8PrivateKey();
        try
        {
            var enveloped = new CmsEnvelopedData(envelope);
            var id = new RecipientID { SubjectKeyIdentifier = new DerOctetString(FleetSignedMessage.KeyIdentifier(recipientKey.ExportSubjectPublicKeyInfo())).GetEncoded() };
            var recipient = enveloped.GetRecipientInfos().GetFirstRecipient(id);
            if (recipient is null)
            {
                return FleetErrors.BundleNotForUs;
            }

            return Result<byte[]>.Success(recipient.GetContent(PrivateKeyFactory.CreateKey(pkcs8)));
        }
        catch (Exception exception) when (FleetSignedMessage.IsMalformed(exception))
        {
            return FleetErrors.BundleUnreadable;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
