using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;

namespace CertManager.Core.Tests.Chain.Rules;

/// <summary>What <see cref="RuleCertificates.Leaf"/> makes; the defaults are a certificate no rule objects to.</summary>
public sealed record LeafSpec
{
    public string Subject { get; init; } = "CN=www.example.test";

    /// <summary>subjectAltName DNS names (IP addresses where the text is one); null for no subjectAltName.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; } = ["www.example.test"];

    public bool SanCritical { get; init; }

    /// <summary>Extended Key Usage OIDs; null for no EKU extension.</summary>
    public IReadOnlyList<string>? Usages { get; init; } = [Oids.ServerAuth];

    public bool CertificateAuthority { get; init; }

    public bool AuthorityKeyId { get; init; } = true;

    public PublicKey? PublicKey { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public byte[]? Serial { get; init; }

    public bool Sha1 { get; init; }

    public IReadOnlyList<X509Extension> Extensions { get; init; } = [];
}
