using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class WildcardPublicSuffixRuleTests(RuleCertificates pki)
{
    private readonly WildcardPublicSuffixRule _rule = new();

    [Fact]
    public void Check_WildcardUnderCoUk_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=shop.example.co.uk", DnsNames = ["shop.example.co.uk", "*.co.uk"] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "'*.co.uk'");
    }

    [Fact]
    public void Check_WildcardUnderRegisteredDomainAndPrivateTld_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Subject = "CN=shop.example.co.uk", DnsNames = ["shop.example.co.uk", "*.example.co.uk", "*.corp"] });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
