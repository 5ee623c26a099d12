using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class ServerAuthMissingRuleTests(RuleCertificates pki)
{
    private readonly ServerAuthMissingRule _rule = new();

    [Fact]
    public void Check_ClientAuthOnly_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Usages = ["1.3.6.1.5.5.7.3.2"] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "TLS client authentication");
    }

    [Fact]
    public void Check_ServerAuthAndClientAuth_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Usages = [Oids.ServerAuth, "1.3.6.1.5.5.7.3.2"] });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
