using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;

namespace CertManager.Acme;

/// <summary>
/// A downloaded certificate chain (RFC 8555 §7.4.2, <c>application/pem-certificate-chain</c>): the end-entity
/// certificate first, then the issuers; <see cref="Url"/> is where it came from (the default or a
/// <c>Link: rel="alternate"</c> chain).
/// </summary>
public sealed class AcmeCertificateChain(Uri url, IReadOnlyList<X509Certificate2> certificates) : IDisposable
{
    public Uri Url { get; } = url;

    public IReadOnlyList<X509Certificate2> Certificates { get; } = certificates;

    public X509Certificate2 Leaf => Certificates[0];

    /// <summary>The issuer name of the last certificate: the root this chain leads to.</summary>
    public string TopIssuer => Certificates[^1].IssuerText();

    public void Dispose()
    {
        foreach (var certificate in Certificates)
        {
            certificate.Dispose();
        }
    }
}
