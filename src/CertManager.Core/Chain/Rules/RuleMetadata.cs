using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>
/// What a doctor rule is (zlint's <c>LintMetadata</c>): a stable <paramref name="Code"/> for scripts, a one-line
/// <paramref name="Description"/>, its severity under each <see cref="TrustProfile"/>, the <paramref name="Fix"/> shown
/// with every finding, where it comes from and the exact <paramref name="Citation"/>, and, for policy that started on a
/// date, the <paramref name="EffectiveDate"/>: certificates issued (notBefore) earlier are not held to it.
/// </summary>
public sealed record RuleMetadata(
    string Code,
    string Description,
    Severity PublicTrust,
    Severity Enterprise,
    string Fix,
    RuleSource Source,
    string Citation,
    DateTimeOffset? EffectiveDate = null)
{
    public Severity SeverityFor(TrustProfile profile) => profile == TrustProfile.PublicTrust ? PublicTrust : Enterprise;
}
