using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>More intermediate CAs between the server certificate and the root than a client follows.</summary>
internal sealed class ChainTooLongRule : DoctorRule
{
    /// <summary>Firefox's limit (mozilla::pkix <c>MAX_SUBCA_COUNT</c>), the lowest among browsers.</summary>
    internal const int MaximumIntermediates = 6;

    public override RuleMetadata Metadata { get; } = new(
        "chain.too-long",
        "The chain has more intermediate CAs than clients follow",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a shorter chain (most have at most two intermediates), or issue from a CA closer to the root.",
        RuleSource.ClientBehaviour,
        "Firefox (mozilla::pkix) gives up after 6 intermediate CA certificates between the end entity and the trust anchor");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer;

    public override string? Check(CertificateOnPath certificate)
    {
        var path = certificate.Path;
        var top = path[^1];
        var intermediates = path.Count - 1 - (path.Count > 1 && top.SubjectName.RawData.AsSpan().SequenceEqual(top.IssuerName.RawData) ? 1 : 0);
        return intermediates > MaximumIntermediates
            ? $"The chain of {certificate.Name} has {intermediates} intermediate CA certificates; Firefox follows at most {MaximumIntermediates}."
            : null;
    }
}
