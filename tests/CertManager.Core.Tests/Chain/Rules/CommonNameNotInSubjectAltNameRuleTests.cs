using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class CommonNameNotInSubjectAltNameRuleTests(RuleCertificates pki)
{
    private readonly CommonNameNotInSubjectAltNameRule _rule = new();

    [Fact]
    public void Check_CommonNameNotAmongNames_IsErrorForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=intranet.example.test", DnsNames = ["www.example.test"] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Info, "'intranet.example.test'");
    }

    [Fact]
    public void Check_CommonNameAmongNamesInOtherCase_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=WWW.example.test", DnsNames = ["www.example.test", "192.0.2.7"] });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
