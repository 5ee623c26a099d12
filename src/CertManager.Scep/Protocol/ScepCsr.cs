using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Csr;

namespace CertManager.Scep.Protocol;

/// <summary>
/// The PKCS#10 request (RFC 2986) a SCEP enrollment sends: Core's <see cref="EnrollmentCsr"/> (subject CN and
/// subjectAltName from the validated form) plus the enrollment password as the PKCS#9 challengePassword attribute
/// (RFC 8894 §2.2, §3.3.1). The request exists only inside the encrypted envelope; it is never written anywhere
/// because it holds the password. For a PENDING transaction a copy without the challenge (no challenge) is kept.
/// </summary>
internal static class ScepCsr
{
    public static byte[] Create(RSA key, ValidatedCsrRequest request, string? challenge, HashAlgorithmName hash)
    {
        var signingRequest = EnrollmentCsr.Build(key, request, hash);
        if (challenge is null)
        {
            return signingRequest.CreateSigningRequest();
        }

        // RFC 2985 §5.4.1: challengePassword is a DirectoryString; UTF8String carries any password.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, challenge);
        signingRequest.OtherRequestAttributes.Add(new AsnEncodedData(ScepOids.ChallengePassword, writer.Encode()));
        return signingRequest.CreateSigningRequest();
    }

    public static X500DistinguishedName Subject(ValidatedCsrRequest request) => EnrollmentCsr.Subject(request);
}
