namespace CertManager.Core.Enrollment;

/// <summary>
/// Everything needed to poll a pending transaction again, read back from storage. The request key is the caller's
/// to dispose; it is null once the transaction is over.
/// </summary>
public sealed class StoredScepTransaction(
    ScepTransactionSummary summary,
    IReadOnlyList<string> capabilities,
    IReadOnlyList<byte[]> caCertificates,
    byte[] signerCertificate,
    IReadOnlyList<byte[]> issuedCertificates,
    System.Security.Cryptography.RSA? key) : IDisposable
{
    public ScepTransactionSummary Summary { get; } = summary;

    public IReadOnlyList<string> Capabilities { get; } = capabilities;

    public IReadOnlyList<byte[]> CaCertificates { get; } = caCertificates;

    public byte[] SignerCertificate { get; } = signerCertificate;

    /// <summary>The issued certificate first, then the chain the CA sent; empty until issued.</summary>
    public IReadOnlyList<byte[]> IssuedCertificates { get; } = issuedCertificates;

    public System.Security.Cryptography.RSA? Key { get; } = key;

    public void Dispose() => Key?.Dispose();
}
