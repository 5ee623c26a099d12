using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>The server certificate relies on anyExtendedKeyUsage instead of naming serverAuth.</summary>
internal sealed class AnyExtendedKeyUsageOnlyRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.any-eku-only",
        "The server certificate has anyExtendedKeyUsage but not serverAuth",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a web server (TLS server) certificate whose Extended Key Usage names serverAuth.",
        RuleSource.ClientBehaviour,
        "RFC 5280 §4.2.1.12; Firefox (mozilla::pkix) does not accept anyExtendedKeyUsage for a TLS server; CA/B Forum BR §7.1.2.7.10 forbids it");

    public override bool Applies(CertificateOnPath certificate) =>
        certificate.IsServer && !certificate.IsCertificateAuthority && certificate.ExtendedKeyUsages is not null;

    public override string? Check(CertificateOnPath certificate)
    {
        var usages = certificate.ExtendedKeyUsages!;
        return usages.Contains(Oids.AnyExtendedKeyUsage) && !usages.Contains(Oids.ServerAuth)
            ? $"{certificate.Label} claims 'any purpose' (anyExtendedKeyUsage) instead of TLS server authentication: Firefox refuses it for HTTPS."
            : null;
    }
}
