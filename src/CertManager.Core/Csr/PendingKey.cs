using System.Security.Cryptography;

namespace CertManager.Core.Csr;

/// <summary>
/// The decrypted private key of a pending request, for installing the certificate a CA issued for it.
/// Internal: the key never leaves Core. Dispose it as soon as the certificate is stored.
/// </summary>
internal sealed class PendingKey(PendingRequestSummary request, AsymmetricAlgorithm key) : IDisposable
{
    public PendingRequestSummary Request { get; } = request;

    /// <summary>RSA or ECDSA, as the request was made.</summary>
    public AsymmetricAlgorithm Key { get; } = key;

    public void Dispose() => Key.Dispose();
}
