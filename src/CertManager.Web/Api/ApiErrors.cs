using CertManager.Core.Results;

namespace CertManager.Web.Api;

/// <summary>Problems only the API meets (a malformed request); everything else carries the services' own codes.</summary>
internal static class ApiErrors
{
    public static readonly Problem CertificateMissing = Problem.Error(
        "api.certificate-missing", "The form has no certificate file.", "Send the certificate as the multipart field 'certificate' (and 'intermediates', 'privateKey', 'password' as needed).");

    public static readonly Problem EventNotFound = Problem.Error(
        "events.not-found", "There is no such event.", "List the events again and use an id from the list.");

    public static readonly Problem EnrollmentNotFound = Problem.Error(
        "scep.enrollment-not-found", "There is no such SCEP enrollment.", "List the enrollments again and use an id from the list.");
}
