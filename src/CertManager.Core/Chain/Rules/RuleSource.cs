namespace CertManager.Core.Chain.Rules;

/// <summary>Where a rule comes from, as zlint's <c>Source</c>: a standard, a root program's policy, or what clients do.</summary>
public enum RuleSource
{
    /// <summary>RFC 5280, the Internet X.509 PKI certificate profile.</summary>
    Rfc5280,

    /// <summary>CA/Browser Forum Baseline Requirements for TLS server certificates (the root programs' policy).</summary>
    CabForumBaselineRequirements,

    /// <summary>What browsers and TLS libraries enforce whichever root the chain ends in.</summary>
    ClientBehaviour,
}
