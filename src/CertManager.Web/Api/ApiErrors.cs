using CertManager.Core.Results;

namespace CertManager.Web.Api;

/// <summary>Problems only the API meets (a malformed request); everything else carries the services' own codes.</summary>
internal static class ApiErrors
{
    public static readonly Problem CertificateMissing = Problem.Error(
        "api.certificate-missing", "The form has no certificate file.", "Send the certificate as the multipart field 'certificate' (and 'intermediates', 'privateKey', 'password' as needed).");

    public static readonly Problem ConfirmWarningsNotBoolean = Problem.Error(
        "api.confirm-warnings-invalid", "The form's 'confirmWarnings' field is neither true nor false.", "Send confirmWarnings=true to install despite the chain doctor's warnings, or leave the field out (false).");

    public static readonly Problem EventNotFound = Problem.Error(
        "events.not-found", "There is no such event.", "List the events again and use an id from the list.");

    public static readonly Problem EnrollmentNotFound = Problem.Error(
        "scep.enrollment-not-found", "There is no such SCEP enrollment.", "List the enrollments again and use an id from the list.");

    public static readonly Problem OrderNotFound = Problem.Error(
        "acme.order-not-found", "There is no such ACME order.", "List the orders again and use an id from the list.");

    /// <summary>The same code as <c>certman scep enroll</c>'s, in the API's words.</summary>
    public static Problem ScepFingerprintRequired(Uri url) => Problem.Error(
        "scep.fingerprint-required",
        $"The CA at {url.Authority} is reached over plain HTTP, where anyone on the network path can replace the CA certificate with their own; without expectedCaFingerprint the console would trust whichever certificate arrives and send the request and enrollment password to it.",
        "Compare the CA certificate's SHA-256 fingerprint with the CA administrator over a trusted channel ('certman scep cacaps --url ...' shows it) and send it as expectedCaFingerprint; or use an https:// URL this server trusts.");
}
