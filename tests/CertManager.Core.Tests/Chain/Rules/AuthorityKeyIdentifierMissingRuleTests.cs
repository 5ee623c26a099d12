using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class AuthorityKeyIdentifierMissingRuleTests(RuleCertificates pki)
{
    private readonly AuthorityKeyIdentifierMissingRule _rule = new();

    [Fact]
    public void Check_NoAuthorityKeyIdentifier_IsErrorForPublicRootsAndWarningForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { AuthorityKeyId = false });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Warning, "no authorityKeyIdentifier");
    }

    [Fact]
    public void Check_WithAuthorityKeyIdentifierAndSelfSignedRoot_Passes()
    {
        using var leaf = pki.Leaf();

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
