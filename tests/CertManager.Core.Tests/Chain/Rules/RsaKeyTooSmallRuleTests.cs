using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class RsaKeyTooSmallRuleTests(RuleCertificates pki)
{
    private readonly RsaKeyTooSmallRule _rule = new();

    [Fact]
    public void Check_Rsa1024_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = RuleCertificates.RsaPublicKeyOfBits(1024) });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "1024 bits");
    }

    [Fact]
    public void Check_Rsa2048_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = RuleCertificates.RsaPublicKeyOfBits(2048) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
