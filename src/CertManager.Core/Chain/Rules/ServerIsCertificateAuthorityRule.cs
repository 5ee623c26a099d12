using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>The certificate chosen as the server certificate is a CA certificate (basicConstraints cA=TRUE).</summary>
internal sealed class ServerIsCertificateAuthorityRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "bundle.server-is-ca",
        "The server certificate is a CA certificate",
        Severity.Error,
        Severity.Error,
        "Upload the certificate the CA issued for this server under SSL Certificate, and this one under Intermediate SSL Certificate(s) if it belongs to the chain.",
        RuleSource.ClientBehaviour,
        "RFC 5280 §4.2.1.9; Firefox refuses a CA certificate as a server certificate (SEC_ERROR_CA_CERT_USED_AS_END_ENTITY); CA/B Forum BR §7.1.2.7.8 requires cA=FALSE in subscriber certificates");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.IsCertificateAuthority
            ? $"No end-entity certificate was found; {certificate.Name}, uploaded as SSL Certificate, is a CA certificate and browsers refuse a CA certificate as a server certificate."
            : null;
}
