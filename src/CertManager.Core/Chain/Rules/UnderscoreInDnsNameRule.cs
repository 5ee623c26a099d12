using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>An underscore in a DNS subjectAltName of the server certificate.</summary>
internal sealed class UnderscoreInDnsNameRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.dns-underscore",
        "A DNS name contains an underscore",
        Severity.Error,
        Severity.Info,
        "Use a host name without underscores (letters, digits and hyphens only) and request the certificate again.",
        RuleSource.CabForumBaselineRequirements,
        "RFC 5280 §4.2.1.6 (preferred name syntax, RFC 1034 §3.5); CA/B Forum BR §7.1.4.2.1 and Ballot SC12 forbid underscores in dNSName since 2019-04-01 (zlint e_dnsname_underscore_in_sld)",
        new DateTimeOffset(2019, 4, 1, 0, 0, 0, TimeSpan.Zero));

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer;

    public override string? Check(CertificateOnPath certificate)
    {
        var name = certificate.AlternateNames.FirstOrDefault(n => n.Kind == AlternativeNameKind.Dns && n.Value.Contains('_', StringComparison.Ordinal));
        return name is null ? null : $"{certificate.Label} has the DNS name '{name.Value}', which contains an underscore.";
    }
}
