using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    public const string KeyAlgorithm = "RSA";

    /// <summary>Makes the key and the CSR and reads the CSR back as the CA will. The caller disposes the key.</summary>
    public static NewCsr Create(ValidatedCsrRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = RSA.Create(request.KeySize);
        try
        {
            var subject = SubjectNameFormatter.Build(request.Country, request.State, request.Locality, request.Organization, request.OrganizationalUnit, request.CommonName);
            var hash = HashAlgorithm(request.Hash);
            // PKCS#1 v1.5 rather than PSS: every CA accepts it. Only the subjectAltName is requested; CAs set key
            // usage and extended key usage from their own profile.
            var signingRequest = new CertificateRequest(subject, key, hash, RSASignaturePadding.Pkcs1);
            signingRequest.CertificateExtensions.Add(BuildAlternateNames(request.AlternateNames));
            var pem = signingRequest.CreateSigningRequestPem();

            // Read our own output back, verifying its signature: the preview shows what the CSR really says.
            // Loading the requested extensions is safe here because we made them a moment ago.
            var loaded = CertificateRequest.LoadSigningRequestPem(pem, hash, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
            using var publicKey = loaded.PublicKey.GetRSAPublicKey() ?? throw new CryptographicException("The CSR just generated carries no RSA public key.");
            var alternateNames = AlternativeNameReader.Read(loaded.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17"));
            return new NewCsr(
                key,
                pem,
                loaded.SubjectName,
                SubjectNameFormatter.Format(loaded.SubjectName),
                alternateNames,
                publicKey.KeySize,
                SignatureAlgorithmName(request.Hash),
                PublicKeyFingerprint.Compute(loaded.PublicKey.ExportSubjectPublicKeyInfo()));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static string SignatureAlgorithmName(CsrHashAlgorithm hash) => hash switch
    {
        CsrHashAlgorithm.Sha256 => "sha256WithRSAEncryption",
        CsrHashAlgorithm.Sha384 => "sha384WithRSAEncryption",
        CsrHashAlgorithm.Sha512 => "sha512WithRSAEncryption",
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
