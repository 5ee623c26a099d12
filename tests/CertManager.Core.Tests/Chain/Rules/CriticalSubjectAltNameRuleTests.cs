using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class CriticalSubjectAltNameRuleTests(RuleCertificates pki)
{
    private readonly CriticalSubjectAltNameRule _rule = new();

    [Fact]
    public void Check_CriticalWithSubject_IsWarningForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { SanCritical = true });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Warning, Severity.Info, "critical");
    }

    [Fact]
    public void Check_CriticalWithEmptySubject_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "", SanCritical = true });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
