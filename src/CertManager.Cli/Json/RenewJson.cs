namespace CertManager.Cli.Json;

/// <summary>
/// <c>certman acme renew --json</c> and <c>certman scep renew --json</c>: whether the renewal installed, is held (its
/// ACME order or SCEP transaction, and the chain doctor's reasons when it held it) or, for SCEP, is pending at the CA,
/// with the outcome in words.
/// </summary>
internal sealed record RenewJson(string Outcome, bool Installed, long? OrderId, long? TransactionId, bool? Pending, IReadOnlyList<ProblemJson> HeldFor);
