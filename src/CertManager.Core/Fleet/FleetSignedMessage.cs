using System.Security.Cryptography;
using CertManager.Core.Results;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;

namespace CertManager.Core.Fleet;

/// <summary>
/// CMS SignedData (RFC 5652 §5) made and checked with BouncyCastle's CMS classes: what the edge says to a follower is
/// signed with the edge's fleet identity key (ECDSA P-256, SHA-256) and carried inside (encapsulated). The signer is
/// named by subject key identifier, the SHA-256 of its SubjectPublicKeyInfo; a follower checks against the key it
/// pinned at pairing and against nothing else (certificates in the message are ignored).
/// </summary>
internal static class FleetSignedMessage
{
    public static byte[] Sign(ReadOnlySpan<byte> content, ECDsa identityKey) => Sign(content, FleetSigner.From(identityKey));

    public static byte[] Sign(ReadOnlySpan<byte> content, FleetSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var generator = new CmsSignedDataGenerator();
        generator.AddSigner(signer.PrivateKey, signer.KeyIdentifier, CmsSignedGenerator.DigestSha256);
        return generator.Generate(new CmsProcessableByteArray(content.ToArray()), encapsulate: true).GetEncoded("DER");
    }

    /// <summary>The signed content, when <paramref name="message"/> is SignedData with exactly one valid SHA-256 signature by <paramref name="pinnedPublicKey"/>.</summary>
    public static Result<byte[]> Verify(byte[] message, byte[] pinnedPublicKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(pinnedPublicKey);
        try
        {
            var signed = new CmsSignedData(message);
            var signers = signed.GetSignerInfos().GetSigners();
            if (signers.Count != 1 || signed.SignedContent is null)
            {
                return FleetErrors.SignatureInvalid;
            }

            var signer = signers.First();
            // BouncyCastle gives the identifier DER-encoded (as Java's X509CertSelector does): OCTET STRING around the bytes.
            var expectedId = new DerOctetString(KeyIdentifier(pinnedPublicKey)).GetEncoded();
            if (signer.SignerID.SubjectKeyIdentifier is not { } signerId || !CryptographicOperations.FixedTimeEquals(signerId, expectedId)
                || !signer.DigestAlgorithmID.Algorithm.Equals(NistObjectIdentifiers.IdSha256)
                || !signer.Verify(PublicKeyFactory.CreateKey(pinnedPublicKey)))
            {
                return FleetErrors.SignatureInvalid;
            }

            using var content = new MemoryStream();
            signed.SignedContent.Write(content);
            return Result<byte[]>.Success(content.ToArray());
        }
        catch (Exception exception) when (IsMalformed(exception))
        {
            return FleetErrors.SignatureInvalid;
        }
    }

    public static byte[] KeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo);

    internal static bool IsMalformed(Exception exception) =>
        exception is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or CryptographicException or SecurityUtilityException or Org.BouncyCastle.Crypto.InvalidCipherTextException
            or Org.BouncyCastle.Crypto.DataLengthException or FormatException;
}
