using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class SubjectKeyIdentifierMissingRuleTests(RuleCertificates pki)
{
    private readonly SubjectKeyIdentifierMissingRule _rule = new();

    [Fact]
    public void Check_CaWithoutSubjectKeyIdentifier_IsErrorForPublicRootsAndWarningForEnterpriseRoots()
    {
        using var leaf = pki.IntermediateCa("CN=No SKI CA", withSubjectKeyId: false);
        IReadOnlyList<X509Certificate2> path = [pki.Leaf(), leaf, pki.Root];

        RuleAssert.Trips(_rule, path, Severity.Error, Severity.Warning, "without a subjectKeyIdentifier");
    }

    [Fact]
    public void Check_CaWithSubjectKeyIdentifierAndLeafWithout_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
