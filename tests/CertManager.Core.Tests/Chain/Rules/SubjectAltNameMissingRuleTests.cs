using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class SubjectAltNameMissingRuleTests(RuleCertificates pki)
{
    private readonly SubjectAltNameMissingRule _rule = new();

    [Fact]
    public void Check_NoSubjectAltName_IsErrorForPublicRootsAndErrorForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { DnsNames = null });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Error, "no subjectAltName");
    }

    [Fact]
    public void Check_WithSubjectAltName_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
