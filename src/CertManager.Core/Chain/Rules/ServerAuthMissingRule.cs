using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>The server certificate's Extended Key Usage lists purposes but neither serverAuth nor anyExtendedKeyUsage.</summary>
internal sealed class ServerAuthMissingRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.no-server-auth",
        "The server certificate's Extended Key Usage does not include serverAuth",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a web server (TLS server) certificate: the template must include the serverAuth purpose. Installing this one would lock browsers out of this console.",
        RuleSource.ClientBehaviour,
        "RFC 5280 §4.2.1.12; Chrome, Firefox, Safari and OpenSSL-based clients refuse a TLS server certificate whose EKU lacks id-kp-serverAuth");

    public override bool Applies(CertificateOnPath certificate) =>
        certificate.IsServer && !certificate.IsCertificateAuthority && certificate.ExtendedKeyUsages is not null;

    public override string? Check(CertificateOnPath certificate)
    {
        var usages = certificate.ExtendedKeyUsages!;
        return usages.Contains(Oids.ServerAuth) || usages.Contains(Oids.AnyExtendedKeyUsage)
            ? null
            : $"{certificate.Label} may only be used for {UsageNames.Describe(usages)}, not for a TLS server (serverAuth): browsers will refuse it for HTTPS.";
    }
}
