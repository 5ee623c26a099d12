using CertManager.Core.Enrollment;
using CertManager.Core.Renewal;

namespace CertManager.Acme.Renewal;

/// <summary>
/// The presented certificate's ACME source and when and why it is renewed next. <see cref="Open"/> is a renewal order
/// for the same names that is still running or held for an administrator: while it exists no new order is placed.
/// </summary>
public sealed record AcmeRenewalPlan(AcmeOrderSummary Source, RenewalDecision Decision, string? Replaces)
{
    public AcmeOrderSummary? Open { get; init; }
}
