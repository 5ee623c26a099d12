using CertManager.Core.Enrollment;

namespace CertManager.Web.Services;

/// <summary>
/// What the certificate tab shows about renewals: the ACME order or SCEP source that issued the presented certificate
/// (at most one), the SCEP renewal transaction still open for it, and the newest held ACME renewal.
/// </summary>
public sealed record RenewalState(AcmeOrderSummary? AcmeSource, ScepSource? ScepSource, ScepTransactionSummary? ScepRenewal, AcmeOrderSummary? Held);
