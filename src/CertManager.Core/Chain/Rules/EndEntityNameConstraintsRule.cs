using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>An end-entity certificate carrying a nameConstraints extension, which only CA certificates may have.</summary>
internal sealed class EndEntityNameConstraintsRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.name-constraints",
        "The server certificate carries name constraints",
        Severity.Error,
        Severity.Warning,
        "Ask your CA to issue the server certificate again without the nameConstraints extension (it belongs in CA certificates).",
        RuleSource.Rfc5280,
        "RFC 5280 §4.2.1.10: the nameConstraints extension MUST be used only in a CA certificate (zlint e_ext_name_constraints_not_in_ca)");

    public override bool Applies(CertificateOnPath certificate) => !certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Extension(Oids.NameConstraints) is not null
            ? $"{certificate.Label} is not a CA certificate but carries name constraints."
            : null;
}
