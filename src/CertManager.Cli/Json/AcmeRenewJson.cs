namespace CertManager.Cli.Json;

/// <summary>
/// <c>certman acme renew --json</c>: whether the renewal installed or is held (its order id, and the chain doctor's
/// reasons when it held it), with the outcome in words.
/// </summary>
internal sealed record AcmeRenewJson(string Outcome, bool Installed, long OrderId, IReadOnlyList<ProblemJson> HeldFor);
