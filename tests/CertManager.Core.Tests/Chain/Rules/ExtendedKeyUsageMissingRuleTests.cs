using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class ExtendedKeyUsageMissingRuleTests(RuleCertificates pki)
{
    private readonly ExtendedKeyUsageMissingRule _rule = new();

    [Fact]
    public void Check_NoExtendedKeyUsage_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Usages = null });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "no Extended Key Usage");
    }

    [Fact]
    public void Check_ServerAuth_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
