using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>The server certificate has no subjectAltName: browsers match names there only, never in the CN.</summary>
internal sealed class SubjectAltNameMissingRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.no-subject-alt-name",
        "The server certificate has no subjectAltName",
        Severity.Error,
        Severity.Error,
        "Request the certificate again with the server's names as alternate names.",
        RuleSource.ClientBehaviour,
        "RFC 6125 §6.4.4; Chrome (58+), Firefox (48+) and Safari ignore the CN and match host names in subjectAltName only; CA/B Forum BR §7.1.2.7.12");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer && !certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Extension(Oids.SubjectAltName) is null
            ? $"{certificate.Label} has no subjectAltName: browsers ignore the CN and will refuse it for every name."
            : null;
}
