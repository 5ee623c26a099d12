using CertManager.Core.Enrollment;
using CertManager.Core.Renewal;

namespace CertManager.Scep.Renewal;

/// <summary>
/// The presented certificate's SCEP source and when and why it is renewed next. <see cref="Open"/> is a renewal
/// transaction that is still waiting for the CA administrator (PENDING) or issued and held for an administrator of
/// this console: while it exists no new renewal is sent.
/// </summary>
public sealed record ScepRenewalPlan(ScepSource Source, RenewalDecision Decision)
{
    public ScepTransactionSummary? Open { get; init; }
}
