using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Chain.Rules;

/// <summary>
/// A certificate as a rule sees it: where it sits on the chosen path (index 0 is the server certificate, the last
/// one the root or the top certificate found), the whole path, and the decoded parts rules share.
/// </summary>
internal sealed class CertificateOnPath
{
    private readonly Lazy<IReadOnlyList<SubjectAlternativeName>> _alternateNames;

    public CertificateOnPath(IReadOnlyList<X509Certificate2> path, int index, string name)
    {
        Path = path;
        Index = index;
        Name = name;
        _alternateNames = new(() => AlternativeNameReader.Read(Certificate));
    }

    public IReadOnlyList<X509Certificate2> Path { get; }

    public int Index { get; }

    /// <summary>1-based, as messages number certificates ("certificate #2").</summary>
    public int Position => Index + 1;

    /// <summary>The CN, or the whole subject when there is none.</summary>
    public string Name { get; }

    public X509Certificate2 Certificate => Path[Index];

    public bool IsServer => Index == 0;

    public bool IsSelfIssued => Certificate.SubjectName.RawData.AsSpan().SequenceEqual(Certificate.IssuerName.RawData);

    /// <summary>A self-issued certificate at the top of the path: the trust anchor (or the untrusted root found).</summary>
    public bool IsRoot => Index == Path.Count - 1 && Index > 0 && IsSelfIssued;

    public bool IsCertificateAuthority => CertificateSummary.IsCertificateAuthorityCertificate(Certificate);

    /// <summary>How messages start: "The server certificate CN=…" or "Certificate #2 (CN=…)".</summary>
    public string Label => IsServer ? $"The server certificate {Name}" : $"Certificate #{Position} ({Name})";

    public IReadOnlyList<SubjectAlternativeName> AlternateNames => _alternateNames.Value;

    public X509Extension? Extension(string oid) => Certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == oid);

    /// <summary>The Extended Key Usage OIDs, or null when the certificate has no EKU extension.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages =>
        Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? string.Empty).ToList();
}
