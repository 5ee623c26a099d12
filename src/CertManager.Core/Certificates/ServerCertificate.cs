using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Certificates;

/// <summary>The certificate the console presents over HTTPS: leaf with its private key, the intermediates sent with it, and where it came from.</summary>
public sealed class ServerCertificate : IDisposable
{
    public ServerCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates, CertificateOrigin origin, string version)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("A server certificate needs its private key.", nameof(certificate));
        }

        Certificate = certificate;
        Intermediates = intermediates;
        Origin = origin;
        Version = version;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Intermediates { get; }

    public CertificateOrigin Origin { get; }

    /// <summary>The stored version this was loaded from: <c>default</c>, or an installed version's folder name.</summary>
    public string Version { get; }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
