using CertManager.Core.Enrollment;
using CertManager.Core.Renewal;

namespace CertManager.Acme.Renewal;

/// <summary>The presented certificate's ACME source and when and why it is renewed next.</summary>
public sealed record AcmeRenewalPlan(AcmeOrderSummary Source, RenewalDecision Decision, string? Replaces);
