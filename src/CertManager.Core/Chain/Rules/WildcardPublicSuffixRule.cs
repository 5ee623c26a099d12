using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A wildcard directly under a public suffix (<c>*.com</c>, <c>*.co.uk</c>), or a bare <c>*</c>.</summary>
internal sealed class WildcardPublicSuffixRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.wildcard-public-suffix",
        "A wildcard name sits directly under a public suffix",
        Severity.Error,
        Severity.Error,
        "Request the certificate for your own domain: a wildcard may only cover names under a domain you registered (e.g. *.example.co.uk, not *.co.uk).",
        RuleSource.ClientBehaviour,
        "Chrome never matches a wildcard directly under an ICANN registry-controlled domain (Public Suffix List, ICANN section); CA/B Forum BR §3.2.2.6");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer && !certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate)
    {
        var offending = certificate.AlternateNames
            .Where(n => n.Kind == AlternativeNameKind.Dns)
            .Select(n => n.Value)
            .FirstOrDefault(name => name == "*" || (name.StartsWith("*.", StringComparison.Ordinal) && PublicSuffixList.IsPublicSuffix(name[2..])));
        return offending is null
            ? null
            : $"{certificate.Label} has the wildcard name '{offending}', which covers a whole registry ('{(offending.Length > 2 ? offending[2..] : offending)}'): browsers refuse to match it.";
    }
}
