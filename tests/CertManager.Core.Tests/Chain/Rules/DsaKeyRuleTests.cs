using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class DsaKeyRuleTests(RuleCertificates pki)
{
    private readonly DsaKeyRule _rule = new();

    [Fact]
    public void Check_DsaKey_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = DsaPublicKey() });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "DSA key");
    }

    [Fact]
    public void Check_RsaKey_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }

    private static PublicKey DsaPublicKey()
    {
        using var dsa = DSA.Create(2048);
        return PublicKey.CreateFromSubjectPublicKeyInfo(dsa.ExportSubjectPublicKeyInfo(), out _);
    }
}
