using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// The PKCS#10 request (RFC 2986) that protocol enrollments (SCEP, ACME) send: subject CN and the subjectAltName
/// entries of a validated form, signed with PKCS#1 v1.5 (RSA) or ECDSA. ACME CAs read only the names (RFC 8555 §7.4); SCEP adds its
/// challengePassword attribute before signing.
/// </summary>
public static class EnrollmentCsr
{
    /// <summary>A fresh key for the request: an RSA modulus size, or an ECDSA curve size (<see cref="CsrForm.EcdsaCurveSizes"/>).</summary>
    public static AsymmetricAlgorithm NewKey(int keySize) => CsrFactory.NewKey(keySize);

    public static CertificateRequest Build(AsymmetricAlgorithm key, ValidatedCsrRequest request, HashAlgorithmName hash)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signingRequest = key switch
        {
            ECDsa ecdsa => new CertificateRequest(Subject(request), ecdsa, hash),
            RSA rsa => new CertificateRequest(Subject(request), rsa, hash, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("A request key is RSA or ECDSA.", nameof(key)),
        };
        var alternateNames = new SubjectAlternativeNameBuilder();
        foreach (var name in request.AlternateNames)
        {
            if (name.Kind == AlternativeNameKind.IpAddress)
            {
                alternateNames.AddIpAddress(IPAddress.Parse(name.Value));
            }
            else
            {
                alternateNames.AddDnsName(name.Value);
            }
        }

        signingRequest.CertificateExtensions.Add(alternateNames.Build());
        return signingRequest;
    }

    public static X500DistinguishedName Subject(ValidatedCsrRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(request.CommonName);
        return builder.Build();
    }
}
