using CertManager.Core.Csr;

namespace CertManager.Acme.Issuance;

/// <summary>
/// What to order: the names and key size of a request validated by the CSR form's rules, the challenge responder,
/// the ARI id of the certificate being renewed (<c>replaces</c>, RFC 9773 §5), and the preferred chain's root name
/// (§7.4.2 alternates; the CA's default chain when null or not offered).
/// </summary>
public sealed record AcmeOrderPlan(ValidatedCsrRequest Request, IAcmeChallengeResponder Responder, string? Replaces = null, string? PreferredRoot = null);
