using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Chain.Rules;

/// <summary>What every rule test checks: the rule trips with its own code, severities, fix and citation, or stays silent.</summary>
internal static class RuleAssert
{
    /// <summary>One finding under each profile, with the expected severities and a message containing <paramref name="expected"/>.</summary>
    public static ChainFinding Trips(DoctorRule rule, IReadOnlyList<X509Certificate2> path, Severity publicTrust, Severity enterprise, string expected)
    {
        var finding = Assert.Single(RuleCertificates.Run(rule, path, TrustProfile.PublicTrust));
        var enterpriseFinding = Assert.Single(RuleCertificates.Run(rule, path, TrustProfile.Enterprise));

        Assert.Equal(rule.Metadata.Code, finding.Problem.Code);
        Assert.Equal(publicTrust, finding.Problem.Severity);
        Assert.Equal(enterprise, enterpriseFinding.Problem.Severity);
        Assert.Contains(expected, finding.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(rule.Metadata.Fix, finding.Problem.Fix);
        Assert.Equal(rule.Metadata.Citation, finding.Problem.Citation);
        return finding;
    }

    public static void Passes(DoctorRule rule, IReadOnlyList<X509Certificate2> path) => Assert.Empty(RuleCertificates.Run(rule, path));
}
