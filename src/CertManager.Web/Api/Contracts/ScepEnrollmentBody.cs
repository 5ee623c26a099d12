namespace CertManager.Web.Api.Contracts;

/// <summary>
/// A SCEP enrollment as the SCEP page and <c>certman scep enroll</c> take it. <see cref="ExpectedCaFingerprint"/>
/// (SHA-256 of the CA certificate) stands for the page's confirmation of the CA's certificates and is required over
/// plain HTTP. <see cref="Challenge"/> is the enrollment password; it is sent to the CA only, never stored or logged.
/// </summary>
public sealed record ScepEnrollmentBody(
    string Url,
    string CommonName,
    IReadOnlyList<string>? AlternateNames = null,
    int KeySize = Core.Csr.CsrForm.DefaultKeySize,
    string? ExpectedCaFingerprint = null,
    string? Challenge = null,
    bool ConfirmWarnings = false);
