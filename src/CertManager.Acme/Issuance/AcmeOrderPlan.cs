using CertManager.Core.Csr;

namespace CertManager.Acme.Issuance;

/// <summary>
/// What to order: the names and key size of a request validated by the CSR form's rules, the challenge responder,
/// the ARI id of the certificate being renewed (<c>replaces</c>, RFC 9773 §5), and the preferred chain's root name
/// (§7.4.2 alternates; the CA's default chain when null or not offered). <paramref name="KeepKey"/> is called with the
/// fresh certificate key before finalize, so that an order finalized before a restart can still be installed.
/// </summary>
public sealed record AcmeOrderPlan(
    ValidatedCsrRequest Request,
    IAcmeChallengeResponder Responder,
    string? Replaces = null,
    string? PreferredRoot = null,
    Func<System.Security.Cryptography.AsymmetricAlgorithm, CancellationToken, Task>? KeepKey = null);
