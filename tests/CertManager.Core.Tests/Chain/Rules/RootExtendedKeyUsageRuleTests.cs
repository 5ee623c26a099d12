using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class RootExtendedKeyUsageRuleTests(RuleCertificates pki)
{
    private readonly RootExtendedKeyUsageRule _rule = new();

    [Fact]
    public void Check_RootWithExtendedKeyUsage_IsErrorForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.SelfSignedRoot("CN=Root With EKU", [Oids.ServerAuth]);
        IReadOnlyList<X509Certificate2> path = [pki.Leaf(), pki.Issuer, leaf];

        RuleAssert.Trips(_rule, path, Severity.Error, Severity.Info, "has an Extended Key Usage");
    }

    [Fact]
    public void Check_RootWithoutExtendedKeyUsage_Passes()
    {
        using var leaf = pki.SelfSignedRoot("CN=Root Without EKU");
        IReadOnlyList<X509Certificate2> path = [pki.Leaf(), pki.Issuer, leaf];

        RuleAssert.Passes(_rule, path);
    }
}
