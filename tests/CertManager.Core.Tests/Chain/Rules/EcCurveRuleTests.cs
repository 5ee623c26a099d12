using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class EcCurveRuleTests(RuleCertificates pki)
{
    private readonly EcCurveRule _rule = new();

    [Fact]
    public void Check_P192Key_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = EcPublicKey("1.2.840.10045.3.1.1") });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "P-192");
    }

    [Fact]
    public void Check_P256Key_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { PublicKey = EcPublicKey(Oids.P256) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }

    private static PublicKey EcPublicKey(string curve)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromValue(curve));
        return PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
    }
}
