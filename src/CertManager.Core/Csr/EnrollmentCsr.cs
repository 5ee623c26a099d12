using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// The PKCS#10 request (RFC 2986) that protocol enrollments (SCEP, ACME) send: subject CN and the subjectAltName
/// entries of a validated form, signed with PKCS#1 v1.5. ACME CAs read only the names (RFC 8555 §7.4); SCEP adds its
/// challengePassword attribute before signing.
/// </summary>
public static class EnrollmentCsr
{
    public static CertificateRequest Build(RSA key, ValidatedCsrRequest request, HashAlgorithmName hash)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signingRequest = new CertificateRequest(Subject(request), key, hash, RSASignaturePadding.Pkcs1);
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
