using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class WeakSignatureHashRuleTests(RuleCertificates pki)
{
    private readonly WeakSignatureHashRule _rule = new();

    [Fact]
    public void Check_Sha1Signature_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Sha1 = true });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "#1");
    }

    [Fact]
    public void Check_Sha256Signature_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
