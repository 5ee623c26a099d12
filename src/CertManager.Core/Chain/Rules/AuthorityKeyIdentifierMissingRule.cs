using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A certificate that is not self-issued without the authorityKeyIdentifier extension.</summary>
internal sealed class AuthorityKeyIdentifierMissingRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "cert.no-authority-key-id",
        "A certificate has no authorityKeyIdentifier",
        Severity.Error,
        Severity.Warning,
        "Ask your CA to include the authorityKeyIdentifier (keyIdentifier) in the certificates it issues; clients use it to find the right issuer when several share a name.",
        RuleSource.Rfc5280,
        "RFC 5280 §4.2.1.1: authorityKeyIdentifier MUST be included in every certificate except self-signed roots; CA/B Forum BR §7.1.2 (zlint e_ext_authority_key_identifier_missing)");

    public override bool Applies(CertificateOnPath certificate) => !certificate.IsSelfIssued;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Extension(Oids.AuthorityKeyIdentifier) is null
            ? $"{certificate.Label} has no authorityKeyIdentifier."
            : null;
}
