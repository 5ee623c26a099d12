using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>The server certificate has no Extended Key Usage extension at all.</summary>
internal sealed class ExtendedKeyUsageMissingRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.no-eku",
        "The server certificate has no Extended Key Usage",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a web server (TLS server) certificate whose Extended Key Usage names serverAuth.",
        RuleSource.ClientBehaviour,
        "Apple platforms (iOS 13, macOS 10.15 and later) refuse TLS server certificates without an EKU containing id-kp-serverAuth, whatever the root; CA/B Forum BR §7.1.2.7.10");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer && !certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.ExtendedKeyUsages is null
            ? $"{certificate.Label} has no Extended Key Usage: Safari and every Apple device refuse it for HTTPS."
            : null;
}
