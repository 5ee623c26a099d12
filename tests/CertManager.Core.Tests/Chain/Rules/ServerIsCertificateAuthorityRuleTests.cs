using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class ServerIsCertificateAuthorityRuleTests(RuleCertificates pki)
{
    private readonly ServerIsCertificateAuthorityRule _rule = new();

    [Fact]
    public void Check_CaCertificateAsServer_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { CertificateAuthority = true });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "is a CA certificate");
    }

    [Fact]
    public void Check_EndEntity_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
