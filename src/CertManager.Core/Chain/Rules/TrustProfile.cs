namespace CertManager.Core.Chain.Rules;

/// <summary>
/// Which rule book a chain is held to, chosen from the root it ends in: a root in the system's store is publicly
/// trusted (browsers' root programs and the CA/Browser Forum Baseline Requirements apply); any other root (the
/// console's trust store, <c>certman verify --trust</c>, or none found) is an enterprise PKI, where only what clients
/// enforce for every root is an error and CA/Browser Forum policy is advice.
/// </summary>
public enum TrustProfile
{
    PublicTrust,
    Enterprise,
}
