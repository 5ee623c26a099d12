using CertManager.Core.Results;

namespace CertManager.Core.Chain;

public enum ChainLinkRole
{
    Server,
    Intermediate,
    Root,
}

/// <summary>One certificate in the chain picture: server → intermediates → root. <see cref="Sent"/> says whether the console will send it in the TLS handshake.</summary>
public sealed record ChainLink(CertificateSummary Certificate, ChainLinkRole Role, bool Sent, string Status);

/// <summary>A private key found in the inputs or among the pending keys, and the certificate it belongs to, if any.</summary>
public sealed record KeySummary(string Algorithm, int KeySizeBits, string Source, string? MatchesCertificateSha256);

/// <summary>
/// The chain doctor's findings, shown before anything is installed and printed by <c>certman inspect/verify --json</c>:
/// every certificate read, every key, the built chain, and the problems with their fixes.
/// </summary>
public sealed record ChainReport(
    IReadOnlyList<CertificateSummary> Certificates,
    IReadOnlyList<KeySummary> Keys,
    CertificateSummary? ServerCertificate,
    IReadOnlyList<ChainLink> Chain,
    bool PathValid,
    IReadOnlyList<Problem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);

    public bool HasWarnings => Problems.Any(p => p.Severity == Severity.Warning);
}
