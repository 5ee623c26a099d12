using System.Security.Cryptography;
using CertManager.Core.Results;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Operators;

namespace CertManager.Core.Fleet;

/// <summary>
/// CMS EnvelopedData (RFC 5652 §6), made with BouncyCastle: the content is encrypted with a fresh AES-256 key, and that key
/// with the follower's RSA public key under RSAES-OAEP with SHA-256 (RFC 8017, as CMS uses it per RFC 3560). The
/// recipient is named by subject key identifier (SHA-256 of its SubjectPublicKeyInfo). Integrity comes from the
/// edge's signature over the whole envelope (<see cref="FleetSignedMessage"/>), checked before this is opened.
/// </summary>
internal static class FleetKeyEnvelope
{
    /// <summary>Seals to <paramref name="recipientPublicKey"/>, already imported as <paramref name="recipient"/> (<see cref="RecipientKeyCache"/>).</summary>
    public static byte[] Seal(byte[] plaintext, byte[] recipientPublicKey, RSA recipient)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        ArgumentNullException.ThrowIfNull(recipient);
        var generator = new CmsEnvelopedDataGenerator();
        generator.AddRecipientInfoGenerator(new CmsKeyTransRecipientInfoGenerator(FleetSignedMessage.KeyIdentifier(recipientPublicKey), new PlatformKeyTransport(recipient)));
        return generator.Generate(new CmsProcessableByteArray(plaintext), NistObjectIdentifiers.IdAes256Cbc).GetEncoded();
    }

    /// <summary>
    /// The content; the caller zeroes it when done. The structure is read with BouncyCastle's ASN.1 classes; the key
    /// transport and the content are decrypted by the platform (OpenSSL) with the follower's own key, as RFC 5652 §6.2.1
    /// and §6.3 describe: BouncyCastle would need the private key converted, and its parsing checks the modulus with
    /// modular exponentiations each time, which cost more than the decryption. Only the construction
    /// <see cref="Seal"/> makes is accepted: RSAES-OAEP with SHA-256 and MGF1-SHA-256 and an empty label, AES-256-CBC.
    /// </summary>
    public static Result<byte[]> Open(byte[] envelope, RSA recipientKey)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(recipientKey);
        try
        {
            var contentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(envelope));
            if (!CmsObjectIdentifiers.EnvelopedData.Equals(contentInfo.ContentType))
            {
                return FleetErrors.BundleUnreadable;
            }

            var enveloped = EnvelopedData.GetInstance(contentInfo.Content);
            if (Mine(enveloped, FleetSignedMessage.KeyIdentifier(recipientKey.ExportSubjectPublicKeyInfo())) is not { } recipient)
            {
                return FleetErrors.BundleNotForUs;
            }

            var content = enveloped.EncryptedContentInfo;
            if (!IsOaepSha256(recipient.KeyEncryptionAlgorithm) || !NistObjectIdentifiers.IdAes256Cbc.Equals(content.ContentEncryptionAlgorithm.Algorithm)
                || content.EncryptedContent is null)
            {
                return FleetErrors.BundleUnreadable;
            }

            var iv = Asn1OctetString.GetInstance(content.ContentEncryptionAlgorithm.Parameters).GetOctets();
            var key = recipientKey.Decrypt(recipient.EncryptedKey.GetOctets(), RSAEncryptionPadding.OaepSHA256);
            try
            {
                if (key.Length != 32 || iv.Length != 16)
                {
                    return FleetErrors.BundleUnreadable;
                }

                using var aes = Aes.Create();
                aes.Key = key;
                return Result<byte[]>.Success(aes.DecryptCbc(content.EncryptedContent.GetOctets(), iv, PaddingMode.PKCS7));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        catch (Exception exception) when (FleetSignedMessage.IsMalformed(exception))
        {
            return FleetErrors.BundleUnreadable;
        }
    }

    /// <summary>The key transport addressed to the key named by <paramref name="keyIdentifier"/> (subject key identifier).</summary>
    private static KeyTransRecipientInfo? Mine(EnvelopedData enveloped, byte[] keyIdentifier)
    {
        foreach (var element in enveloped.RecipientInfos)
        {
            // A tagged identifier is the subjectKeyIdentifier choice, which BouncyCastle gives as its OCTET STRING.
            if (RecipientInfo.GetInstance(element).Info is KeyTransRecipientInfo transport && transport.RecipientIdentifier.IsTagged
                && transport.RecipientIdentifier.ID is Asn1OctetString named && CryptographicOperations.FixedTimeEquals(named.GetOctets(), keyIdentifier))
            {
                return transport;
            }
        }

        return null;
    }

    /// <summary>RSAES-OAEP (RFC 8017 §A.2.1) with SHA-256, MGF1 with SHA-256 and the empty label: what <see cref="PlatformKeyTransport"/> writes.</summary>
    private static bool IsOaepSha256(AlgorithmIdentifier algorithm)
    {
        if (!PkcsObjectIdentifiers.IdRsaesOaep.Equals(algorithm.Algorithm))
        {
            return false;
        }

        var parameters = RsaesOaepParameters.GetInstance(algorithm.Parameters);
        return NistObjectIdentifiers.IdSha256.Equals(parameters.HashAlgorithm.Algorithm)
            && PkcsObjectIdentifiers.IdMgf1.Equals(parameters.MaskGenAlgorithm.Algorithm)
            && NistObjectIdentifiers.IdSha256.Equals(AlgorithmIdentifier.GetInstance(parameters.MaskGenAlgorithm.Parameters).Algorithm)
            && PkcsObjectIdentifiers.IdPSpecified.Equals(parameters.PSourceAlgorithm.Algorithm)
            && Asn1OctetString.GetInstance(parameters.PSourceAlgorithm.Parameters).GetOctets().Length == 0;
    }
}
