using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class AnyExtendedKeyUsageOnlyRuleTests(RuleCertificates pki)
{
    private readonly AnyExtendedKeyUsageOnlyRule _rule = new();

    [Fact]
    public void Check_AnyExtendedKeyUsageWithoutServerAuth_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Usages = [Oids.AnyExtendedKeyUsage] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "anyExtendedKeyUsage");
    }

    [Fact]
    public void Check_AnyExtendedKeyUsageWithServerAuth_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Usages = [Oids.ServerAuth, Oids.AnyExtendedKeyUsage] });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
