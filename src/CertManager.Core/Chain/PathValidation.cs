using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>
/// The outcome of checking one path with the platform validator, explained as findings: whether it is valid, whether
/// it ends in a trusted root (<see cref="Anchored"/>), and the rule book (<see cref="Profile"/>) its root calls for.
/// </summary>
internal sealed record PathValidation(bool IsValid, bool Anchored, IReadOnlyList<ChainElement> Elements, IReadOnlyList<ChainFinding> Findings, TrustProfile Profile = TrustProfile.Enterprise)
{
    public IEnumerable<Problem> Problems => Findings.Select(f => f.Problem);
}
