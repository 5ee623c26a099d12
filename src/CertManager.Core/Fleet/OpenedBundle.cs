using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Fleet;

/// <summary>A verified, decrypted bundle on a follower, ready for its own chain doctor. Dispose it to drop the key.</summary>
public sealed class OpenedBundle(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, AsymmetricAlgorithm key, string fingerprint, bool installWithWarnings) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public IReadOnlyList<X509Certificate2> Chain { get; } = chain;

    public AsymmetricAlgorithm Key { get; } = key;

    public string Fingerprint { get; } = fingerprint;

    /// <summary>The edge's policy for this follower when its doctor finds only warnings.</summary>
    public bool InstallWithWarnings { get; } = installWithWarnings;

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Chain)
        {
            intermediate.Dispose();
        }

        Key.Dispose();
    }
}
