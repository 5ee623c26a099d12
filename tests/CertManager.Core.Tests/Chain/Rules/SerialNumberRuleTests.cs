using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

[Collection(RuleCertificates.Collection)]
public sealed class SerialNumberRuleTests(RuleCertificates pki)
{
    private readonly SerialNumberRule _rule = new();

    [Fact]
    public void Check_TwentyOneOctets_IsErrorForPublicRootsAndWarningForEnterpriseRoots()
    {
        using var leaf = pki.Leaf(new LeafSpec { Serial = [0x01, .. new byte[20]] });

        RuleAssert.Trips(_rule, pki.PathOf(leaf), Severity.Error, Severity.Warning, "21 octets");
    }

    [Fact]
    public void Check_TwentyOctets_Passes()
    {
        using var leaf = pki.Leaf(new LeafSpec { Serial = [0x7F, .. new byte[19]] });

        RuleAssert.Passes(_rule, pki.PathOf(leaf));
    }

    [Fact]
    public void Check_SerialZero_IsReported()
    {
        using var leaf = pki.Leaf(new LeafSpec { Serial = [0x00] });

        var finding = Assert.Single(RuleCertificates.Run(_rule, pki.PathOf(leaf)));

        Assert.Contains("serial number zero", finding.Problem.Message, StringComparison.Ordinal);
    }
}
