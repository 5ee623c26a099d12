using System.Security.Cryptography.X509Certificates;
using CertManager.Scep.Protocol;

namespace CertManager.Scep;

/// <summary>A verified answer to a PKCSReq: SUCCESS with the issued certificate, or PENDING (FAILURE is a failed result).</summary>
public sealed record ScepReply(PkiStatus Status, string TransactionId, X509Certificate2? Issued, IReadOnlyList<X509Certificate2> Certificates)
{
    /// <summary>For PENDING: the transient certificate (DER) that signed the request; CertPoll is signed under it too.</summary>
    internal byte[] SignerCertificate { get; init; } = [];

    /// <summary>For PENDING: the senderNonce of the request.</summary>
    internal byte[] SenderNonce { get; init; } = [];
}
