using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Trust;

/// <summary>
/// Bounds on a bundle of roots to trust (e.g. <c>certman verify --trust</c>): an enterprise or the Mozilla bundle holds
/// 100 to 300 roots, far more than a server certificate upload, whose own limits stay in <c>CertManager:Import</c>.
/// Bound from <c>CertManager:Trust</c>.
/// </summary>
public sealed class TrustOptions
{
    public const string SectionName = "CertManager:Trust";

    /// <summary>Most certificates read from one bundle of roots. Debian's ca-certificates.crt holds about 150.</summary>
    [Range(1, 10_000)]
    public int MaxBundleCertificates { get; set; } = 1000;

    /// <summary>Largest bundle of roots read. The Mozilla bundle is about 220 KB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBundleBytes { get; set; } = 8 * 1024 * 1024;
}
