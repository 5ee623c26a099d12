using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Acme.Issuance;

/// <summary>
/// The outcome of a completed order: the chosen chain (leaf first), the fresh key made for its CSR, and where it came
/// from. Owns the key and the certificates until disposed; hand them to the chain doctor and the installer.
/// </summary>
public sealed class AcmeIssuedCertificate(Uri orderUrl, AcmeCertificateChain chain, int alternateCount, AsymmetricAlgorithm key) : IDisposable
{
    public Uri OrderUrl { get; } = orderUrl;

    public AcmeCertificateChain Chain { get; } = chain;

    public X509Certificate2 Certificate => Chain.Leaf;

    /// <summary>The issuers the CA sent after the leaf.</summary>
    public IEnumerable<X509Certificate2> Issuers => Chain.Certificates.Skip(1);

    /// <summary>How many other chains the CA offered (Link rel="alternate").</summary>
    public int AlternateCount { get; } = alternateCount;

    /// <summary>RSA or ECDSA, as the form chose.</summary>
    public AsymmetricAlgorithm Key { get; } = key;

    public void Dispose()
    {
        Chain.Dispose();
        Key.Dispose();
    }
}
