using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;

namespace CertManager.Core.Trust;

/// <summary>
/// The self-signed roots read from an uploaded file, waiting for an administrator's confirmation before
/// <see cref="TrustStore.AddRootAsync"/>; owns its certificates.
/// </summary>
public sealed class RootBundle(IReadOnlyList<X509Certificate2> roots, int skipped) : IDisposable
{
    public IReadOnlyList<X509Certificate2> Roots { get; } = roots;

    /// <summary>The roots as the page lists them, in the same order as <see cref="Roots"/>.</summary>
    public IReadOnlyList<CertificateSummary> Summaries { get; } = [.. roots.Select(r => CertificateSummary.Of(r, "your upload"))];

    /// <summary>Certificates in the file that are not self-signed roots (intermediates, server certificates): left out.</summary>
    public int Skipped { get; } = skipped;

    public void Dispose()
    {
        foreach (var root in Roots)
        {
            root.Dispose();
        }
    }
}
