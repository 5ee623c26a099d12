using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;

namespace CertManager.Core.Chain;

/// <summary>
/// A chain doctor's report together with what installing would write: the server certificate with its key and
/// the intermediates in chain order, all owned by the examination (independent of the imported material). The key never
/// leaves Core; dispose the examination when done.
/// </summary>
public sealed class Examination : IDisposable
{
    internal Examination(ChainReport report, X509Certificate2? server, AsymmetricAlgorithm? key, IReadOnlyList<X509Certificate2> intermediates, long? pendingRequestId)
    {
        Report = report;
        Server = server;
        Key = key;
        Intermediates = intermediates;
        PendingRequestId = pendingRequestId;
    }

    public ChainReport Report { get; }

    /// <summary>True when nothing blocks installing; warnings still need the administrator's confirmation.</summary>
    public bool CanInstall => !Report.HasErrors && Server is not null && Key is not null;

    internal X509Certificate2? Server { get; }

    /// <summary>The server certificate's private key: RSA or ECDSA.</summary>
    internal AsymmetricAlgorithm? Key { get; }

    internal IReadOnlyList<X509Certificate2> Intermediates { get; }

    /// <summary>The pending request whose key matched, if the key came from Generate CSR.</summary>
    internal long? PendingRequestId { get; }

    public void Dispose()
    {
        Key?.Dispose();
        Server?.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
