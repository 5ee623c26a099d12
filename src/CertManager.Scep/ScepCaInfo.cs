using System.Security.Cryptography.X509Certificates;
using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;

namespace CertManager.Scep;

/// <summary>What GetCACaps and GetCACert said: the CA's capabilities, the algorithms chosen from them, and its CA/RA certificates.</summary>
public sealed record ScepCaInfo(ScepEndpoint Endpoint, ScepCapabilities Capabilities, ScepAlgorithms Algorithms, CaCertificateSet Certificates)
{
    /// <summary>
    /// The CA as it was confirmed when a pending enrollment started, rebuilt from storage: polling trusts exactly those
    /// certificates and uses the same algorithms, without asking the CA again. Null when the stored capabilities no
    /// longer yield acceptable algorithms (cannot happen for a transaction this version stored).
    /// </summary>
    internal static ScepCaInfo? Restore(Uri endpoint, IEnumerable<string> capabilities, IEnumerable<byte[]> certificates)
    {
        var caps = new ScepCapabilities([.. capabilities]);
        return ScepAlgorithms.Choose(caps) is { } algorithms
            ? new ScepCaInfo(new ScepEndpoint(endpoint), caps, algorithms, new CaCertificateSet([.. certificates.Select(c => X509CertificateLoader.LoadCertificate(c))]))
            : null;
    }
}
