using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;

namespace CertManager.Core.Chain;

public enum ChainLinkRole
{
    Server,
    Intermediate,
    Root,
}

/// <summary>
/// One certificate in the chain picture: server → intermediates → root. <see cref="Sent"/> says whether the console
/// will send it in the TLS handshake; <see cref="Status"/> is "OK" or, in plain words, the worst problem concerning it.
/// </summary>
public sealed record ChainLink(CertificateSummary Certificate, ChainLinkRole Role, bool Sent, string Status)
{
    /// <summary>Where the certificate came from, in plain words: "your upload (chain.pem, block 2)", "the SCEP CA (…)", "the trust store".</summary>
    public string CameFrom { get; init; } = string.Empty;

    /// <summary>The problems that concern this certificate, worst first.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>The severity of the worst problem concerning this certificate; null when there is none.</summary>
    public Severity? WorstSeverity => Problems.Count == 0 ? null : Problems.Max(p => p.Severity);
}

/// <summary>A private key found in the inputs or among the pending keys, and the certificate it belongs to, if any.</summary>
public sealed record KeySummary(string Algorithm, int KeySizeBits, string Source, string? MatchesCertificateSha256);

/// <summary>
/// The chain doctor's findings, shown before anything is installed and printed by <c>certman inspect/verify --json</c>:
/// every certificate read, every key, the chosen chain, the rule book applied, and the problems with their fixes.
/// </summary>
public sealed record ChainReport(
    IReadOnlyList<CertificateSummary> Certificates,
    IReadOnlyList<KeySummary> Keys,
    CertificateSummary? ServerCertificate,
    IReadOnlyList<ChainLink> Chain,
    bool PathValid,
    IReadOnlyList<Problem> Problems)
{
    /// <summary>The rule book the chain was held to: publicly trusted root, or enterprise root.</summary>
    public TrustProfile Profile { get; init; } = TrustProfile.Enterprise;

    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);

    public bool HasWarnings => Problems.Any(p => p.Severity == Severity.Warning);
}
