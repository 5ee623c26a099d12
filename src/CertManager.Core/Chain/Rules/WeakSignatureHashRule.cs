using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A signature with SHA-1 (or MD5, MD2) on any certificate whose signature clients check: all but the root.</summary>
internal sealed class WeakSignatureHashRule : DoctorRule
{
    private static readonly Dictionary<string, string> WeakAlgorithms = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.5"] = "SHA-1",
        ["1.2.840.10045.4.1"] = "SHA-1",
        ["1.2.840.10040.4.3"] = "SHA-1",
        ["1.3.14.3.2.29"] = "SHA-1",
        ["1.2.840.113549.1.1.4"] = "MD5",
        ["1.2.840.113549.1.1.2"] = "MD2",
    };

    public override RuleMetadata Metadata { get; } = new(
        "chain.sha1-signature",
        "A certificate in the chain is signed with SHA-1 (or MD5)",
        Severity.Error,
        Severity.Error,
        "Ask your CA to issue it again with SHA-256.",
        RuleSource.ClientBehaviour,
        "Chrome (since 2017), Firefox and Safari refuse SHA-1 signatures on TLS certificates whatever the root (SHAttered); CA/B Forum BR §7.1.3.2");

    public override bool Applies(CertificateOnPath certificate) => !certificate.IsRoot && !(certificate.Path.Count == 1 && certificate.IsSelfIssued);

    public override string? Check(CertificateOnPath certificate) =>
        WeakAlgorithms.TryGetValue(certificate.Certificate.SignatureAlgorithm.Value ?? string.Empty, out var hash)
            ? $"Certificate #{certificate.Position} ({certificate.Name}) is signed with {hash}, which browsers reject."
            : null;
}
