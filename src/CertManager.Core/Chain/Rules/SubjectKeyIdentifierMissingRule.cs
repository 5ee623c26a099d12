using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A CA certificate without the subjectKeyIdentifier extension.</summary>
internal sealed class SubjectKeyIdentifierMissingRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "ca.no-subject-key-id",
        "A CA certificate has no subjectKeyIdentifier",
        Severity.Error,
        Severity.Warning,
        "Ask your CA to include the subjectKeyIdentifier in its CA certificates; clients use it to match issuers.",
        RuleSource.Rfc5280,
        "RFC 5280 §4.2.1.2: subjectKeyIdentifier MUST appear in all conforming CA certificates; CA/B Forum BR §7.1.2 (zlint e_ext_subject_key_identifier_missing_ca)");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Extension(Oids.SubjectKeyIdentifier) is null
            ? $"{certificate.Label} is a CA certificate without a subjectKeyIdentifier."
            : null;
}
