using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// The one place a key pair and its certificate signing request (PKCS#10, RFC 2986) are made. The console
/// (<see cref="CsrGenerator"/>, key kept encrypted as a pending request) and standalone generation
/// (<see cref="StandaloneCsrGenerator"/>, key written to a private file) differ only in where the key goes.
/// CPU-bound: a 4096-bit key can take seconds, so callers run it off their own thread.
/// </summary>
internal static class CsrFactory
{
    /// <summary>Makes the key and the CSR and reads the CSR back as the CA will. The caller disposes the key.</summary>
    public static NewCsr Create(ValidatedCsrRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = NewKey(request.KeySize);
        try
        {
            var subject = SubjectNameFormatter.Build(request.Country, request.State, request.Locality, request.Organization, request.OrganizationalUnit, request.CommonName);
            var hash = HashAlgorithm(request.Hash);
            // PKCS#1 v1.5 rather than PSS for RSA: every CA accepts it. Only the subjectAltName is requested; CAs set
            // key usage and extended key usage from their own profile.
            var signingRequest = key is ECDsa ecdsa
                ? new CertificateRequest(subject, ecdsa, hash)
                : new CertificateRequest(subject, (RSA)key, hash, RSASignaturePadding.Pkcs1);
            signingRequest.CertificateExtensions.Add(BuildAlternateNames(request.AlternateNames));
            var pem = signingRequest.CreateSigningRequestPem();

            // Read our own output back, verifying its signature: the preview shows what the CSR really says.
            // Loading the requested extensions is safe here because we made them a moment ago.
            var loaded = CertificateRequest.LoadSigningRequestPem(pem, hash, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, key is RSA ? RSASignaturePadding.Pkcs1 : null);
            using var publicKey = (AsymmetricAlgorithm?)loaded.PublicKey.GetRSAPublicKey() ?? loaded.PublicKey.GetECDsaPublicKey()
                ?? throw new CryptographicException("The CSR just generated carries no RSA or EC public key.");
            var alternateNames = AlternativeNameReader.Read(loaded.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17"));
            return new NewCsr(
                key,
                pem,
                loaded.SubjectName,
                DistinguishedNameText.Format(loaded.SubjectName),
                alternateNames,
                publicKey.KeySize,
                SignatureAlgorithmName(request.Hash, key is ECDsa),
                PublicKeyFingerprint.Compute(loaded.PublicKey.ExportSubjectPublicKeyInfo()));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The key the form asked for: an RSA modulus size, or an ECDSA curve size (<see cref="CsrForm.EcdsaCurveSizes"/>).</summary>
    public static AsymmetricAlgorithm NewKey(int keySize) => keySize switch
    {
        256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(keySize),
    };

    /// <summary>The signature algorithm as openssl names it (RFC 4055 §5 for RSA, RFC 5758 §3.2 for ECDSA).</summary>
    public static string SignatureAlgorithmName(CsrHashAlgorithm hash, bool ecdsa = false) => (hash, ecdsa) switch
    {
        (CsrHashAlgorithm.Sha256, false) => "sha256WithRSAEncryption",
        (CsrHashAlgorithm.Sha384, false) => "sha384WithRSAEncryption",
        (CsrHashAlgorithm.Sha512, false) => "sha512WithRSAEncryption",
        (CsrHashAlgorithm.Sha256, true) => "ecdsa-with-SHA256",
        (CsrHashAlgorithm.Sha384, true) => "ecdsa-with-SHA384",
        (CsrHashAlgorithm.Sha512, true) => "ecdsa-with-SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "The validator admits only SHA-256, SHA-384 and SHA-512."),
    };

    private static X509Extension BuildAlternateNames(IEnumerable<SubjectAlternativeName> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (name.Kind == AlternativeNameKind.IpAddress)
            {
                builder.AddIpAddress(IPAddress.Parse(name.Value));
            }
            else
            {
                builder.AddDnsName(name.Value);
            }
        }

        return builder.Build();
    }

    private static HashAlgorithmName HashAlgorithm(CsrHashAlgorithm hash) => hash switch
    {
        CsrHashAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        CsrHashAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        CsrHashAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "The validator admits only SHA-256, SHA-384 and SHA-512."),
    };
}
