using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class EndEntityNameConstraintsRuleTests(RuleCertificates pki)
{
    private readonly EndEntityNameConstraintsRule _rule = new();

    [Fact]
    public void Check_EndEntityWithNameConstraints_IsErrorForPublicRootsAndWarningForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Extensions = [RuleCertificates.PermittedDnsNames("example.test")] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Warning, "carries name constraints");
    }

    [Fact]
    public void Check_EndEntityWithout_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
