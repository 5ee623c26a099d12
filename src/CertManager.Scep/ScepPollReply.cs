using System.Security.Cryptography.X509Certificates;
using CertManager.Scep.Protocol;

namespace CertManager.Scep;

/// <summary>
/// The CA's verified answer to a CertPoll (RFC 8894 §3.3.3): still PENDING, FAILURE with its failInfo, or SUCCESS with
/// the issued certificate and whatever else the CA sent. <see cref="SenderNonce"/> is the fresh nonce the poll carried.
/// </summary>
public sealed record ScepPollReply(PkiStatus Status, FailInfo? FailInfo, X509Certificate2? Issued, IReadOnlyList<X509Certificate2> Certificates, byte[] SenderNonce);
