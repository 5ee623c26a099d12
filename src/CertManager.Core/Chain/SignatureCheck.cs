using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain;

/// <summary>Whether a candidate issuer's key verifies a certificate's signature, as far as this check can tell.</summary>
internal enum SignatureOutcome
{
    Verified,
    Failed,
    Unknown,
}

/// <summary>
/// A cheap signature check used only to prune candidate issuers while building paths (RFC 4158 §3.5): RSA PKCS#1 v1.5
/// and ECDSA with SHA-1/SHA-2. Anything else (RSA-PSS, DSA, EdDSA) is <see cref="SignatureOutcome.Unknown"/> and left
/// to the platform validator, which has the last word on every path.
/// </summary>
internal static class SignatureCheck
{
    public static SignatureOutcome Verify(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            var outer = new AsnReader(certificate.RawDataMemory, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence().ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            return algorithm switch
            {
                "1.2.840.113549.1.1.5" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA1),
                "1.2.840.113549.1.1.11" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA256),
                "1.2.840.113549.1.1.12" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA384),
                "1.2.840.113549.1.1.13" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA512),
                "1.2.840.10045.4.1" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA1),
                "1.2.840.10045.4.3.2" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA512),
                _ => SignatureOutcome.Unknown,
            };
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            return SignatureOutcome.Unknown;
        }
    }

    private static SignatureOutcome VerifyRsa(X509Certificate2 issuer, ReadOnlySpan<byte> data, byte[] signature, HashAlgorithmName hash)
    {
        if (issuer.PublicKey.Oid.Value != "1.2.840.113549.1.1.1")
        {
            return SignatureOutcome.Failed;
        }

        using var key = issuer.GetRSAPublicKey();
        return key is null ? SignatureOutcome.Unknown
            : key.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1) ? SignatureOutcome.Verified : SignatureOutcome.Failed;
    }

    private static SignatureOutcome VerifyEcdsa(X509Certificate2 issuer, ReadOnlySpan<byte> data, byte[] signature, HashAlgorithmName hash)
    {
        if (issuer.PublicKey.Oid.Value != "1.2.840.10045.2.1")
        {
            return SignatureOutcome.Failed;
        }

        using var key = issuer.GetECDsaPublicKey();
        return key is null ? SignatureOutcome.Unknown
            : key.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence) ? SignatureOutcome.Verified : SignatureOutcome.Failed;
    }
}
