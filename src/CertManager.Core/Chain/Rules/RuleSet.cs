using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>
/// Every doctor rule, run over the chosen path under one <see cref="TrustProfile"/>. A rule with an effective date
/// skips certificates issued (notBefore) before it, as zlint's <c>EffectiveDate</c>. The table in docs/cli.md is
/// <see cref="MarkdownTable"/>; a test fails when the two differ.
/// </summary>
internal static class RuleSet
{
    public static readonly IReadOnlyList<DoctorRule> All =
    [
        new ServerIsCertificateAuthorityRule(),
        new ServerAuthMissingRule(),
        new AnyExtendedKeyUsageOnlyRule(),
        new ExtendedKeyUsageMissingRule(),
        new SubjectAltNameMissingRule(),
        new CommonNameNotInSubjectAltNameRule(),
        new CriticalSubjectAltNameRule(),
        new WildcardPublicSuffixRule(),
        new UnderscoreInDnsNameRule(),
        new EndEntityNameConstraintsRule(),
        new ValidityTooLongRule(),
        new RsaKeyTooSmallRule(),
        new RsaModulusSizeRule(),
        new DsaKeyRule(),
        new EcCurveRule(),
        new WeakSignatureHashRule(),
        new SerialNumberRule(),
        new AuthorityKeyIdentifierMissingRule(),
        new SubjectKeyIdentifierMissingRule(),
        new RootExtendedKeyUsageRule(),
        new ChainTooLongRule(),
    ];

    public static List<ChainFinding> Run(IReadOnlyList<X509Certificate2> path, TrustProfile profile, Func<X509Certificate2, string> nameOf, IEnumerable<DoctorRule>? rules = null)
    {
        var findings = new List<ChainFinding>();
        var certificates = path.Select((_, index) => new CertificateOnPath(path, index, nameOf(path[index]))).ToList();
        foreach (var rule in rules ?? All)
        {
            var metadata = rule.Metadata;
            foreach (var certificate in certificates)
            {
                if (metadata.EffectiveDate is { } effective && certificate.Certificate.NotBefore.ToUniversalTime() < effective.UtcDateTime)
                {
                    continue;
                }

                if (rule.Applies(certificate) && rule.Check(certificate) is { } message)
                {
                    var problem = new Problem(metadata.Code, metadata.SeverityFor(profile), message, metadata.Fix) { Citation = metadata.Citation };
                    findings.Add(new ChainFinding(problem, certificate.Index));
                }
            }
        }

        return findings;
    }

    /// <summary>The rule table of docs/cli.md: code, severity under each profile, what it checks, and its citation.</summary>
    public static string MarkdownTable()
    {
        var table = new StringBuilder();
        table.Append("| Code | Public root | Enterprise root | What it checks | Citation |\n");
        table.Append("|------|-------------|-----------------|----------------|----------|\n");
        foreach (var metadata in All.Select(r => r.Metadata).OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            var since = metadata.EffectiveDate is { } date ? $" (certificates issued from {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : string.Empty;
            table.Append(CultureInfo.InvariantCulture, $"| `{metadata.Code}` | {Name(metadata.PublicTrust)} | {Name(metadata.Enterprise)} | {metadata.Description}{since} | {metadata.Citation} |\n");
        }

        return table.ToString();
    }

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
