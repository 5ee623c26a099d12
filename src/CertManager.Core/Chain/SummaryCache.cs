using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain;

/// <summary>
/// Summarises each certificate once per examination. A summary decodes names, extensions and the public key, and the
/// doctor names the same few certificates many times (X509Chain hands back its own copies, so the key is the hash).
/// </summary>
internal sealed class SummaryCache
{
    private readonly Dictionary<string, CertificateSummary> _bySha256 = new(StringComparer.Ordinal);

    public CertificateSummary Of(X509Certificate2 certificate, string source)
    {
        var key = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (!_bySha256.TryGetValue(key, out var summary))
        {
            summary = CertificateSummary.Of(certificate, source);
            _bySha256[key] = summary;
        }

        return summary.Source == source ? summary : summary with { Source = source };
    }

    /// <summary>How messages name a certificate: its CN, or its whole subject.</summary>
    public string NameOf(X509Certificate2 certificate) => Of(certificate, string.Empty).DisplayName;
}
