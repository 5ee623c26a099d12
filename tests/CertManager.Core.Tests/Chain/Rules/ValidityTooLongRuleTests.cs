using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class ValidityTooLongRuleTests(RuleCertificates pki)
{
    private readonly ValidityTooLongRule _rule = new();

    [Fact]
    public void Check_TwoHundredAndOneDaysIssuedAfterMarch2026_IsWarningForPublicRootsAndInfoForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { NotBefore = RuleCertificates.Now, NotAfter = RuleCertificates.Now.AddDays(201) });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Warning, Severity.Info, "201 days");
    }

    [Fact]
    public void Check_ExactlyTwoHundredDaysOrIssuedBefore_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { NotBefore = RuleCertificates.Now, NotAfter = RuleCertificates.Now.AddDays(200).AddSeconds(-1) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }

    [Fact]
    public void Check_398DaysIssuedTheDayBeforeTheEffectiveDate_Passes()
    {
        var issued = new DateTimeOffset(2026, 3, 14, 23, 59, 59, TimeSpan.Zero);
        using var leaf = pki.Leaf(new LeafSpec { NotBefore = issued, NotAfter = issued.AddDays(398) });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }
}
