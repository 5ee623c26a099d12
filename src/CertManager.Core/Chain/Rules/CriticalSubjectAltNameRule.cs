using CertManager.Core.Certificates;
using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A critical subjectAltName in a certificate whose subject is not empty.</summary>
internal sealed class CriticalSubjectAltNameRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.san-critical-with-subject",
        "The subjectAltName is critical although the subject is not empty",
        Severity.Warning,
        Severity.Info,
        "Nothing breaks in browsers; ask your CA to mark subjectAltName non-critical when the subject names the server.",
        RuleSource.Rfc5280,
        "RFC 5280 §4.2.1.6: subjectAltName SHOULD be non-critical when the subject is not empty (zlint w_ext_san_critical_with_subject_dn)");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer && certificate.Extension(Oids.SubjectAltName) is not null;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Extension(Oids.SubjectAltName)!.Critical && certificate.Certificate.SubjectName.RawData.Length > 2
            ? $"{certificate.Label} marks its subjectAltName critical although its subject ({certificate.Certificate.SubjectText()}) is not empty."
            : null;
}
