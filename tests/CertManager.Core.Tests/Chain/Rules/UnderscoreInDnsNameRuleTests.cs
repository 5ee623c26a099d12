using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class UnderscoreInDnsNameRuleTests(RuleCertificates pki)
{
    private readonly UnderscoreInDnsNameRule _rule = new();

    [Fact]
    public void Check_UnderscoreInLabel_IsErrorForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=my_host.example.test", DnsNames = ["my_host.example.test"] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Info, "'my_host.example.test'");
    }

    [Fact]
    public void Check_IssuedBeforeTheSunset_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=my_host.example.test", DnsNames = ["my_host.example.test"], NotBefore = new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
