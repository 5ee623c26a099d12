using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class ChainTooLongRuleTests(RuleCertificates pki)
{
    private readonly ChainTooLongRule _rule = new();

    [Fact]
    public void Check_SevenIntermediates_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf();
        IReadOnlyList<X509Certificate2> path = [leaf, .. Enumerable.Repeat(pki.Issuer, 7), pki.Root];

        RuleAssert.Trips(_rule, path, Severity.Error, Severity.Error, "7 intermediate");
    }

    [Fact]
    public void Check_SixIntermediates_Passes()
    {
        using var leaf = pki.Leaf();
        IReadOnlyList<X509Certificate2> path = [leaf, .. Enumerable.Repeat(pki.Issuer, 6), pki.Root];

        RuleAssert.Passes(_rule, path);
    }
}
