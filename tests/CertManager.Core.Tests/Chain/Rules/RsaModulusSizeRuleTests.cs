using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class RsaModulusSizeRuleTests(RuleCertificates pki)
{
    private readonly RsaModulusSizeRule _rule = new();

    [Fact]
    public void Check_Modulus2049Bits_IsErrorForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = RuleCertificates.RsaPublicKeyOfBits(2049) });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Info, "2049 bits");
    }

    [Fact]
    public void Check_Modulus3072Bits_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = RuleCertificates.RsaPublicKeyOfBits(3072) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
