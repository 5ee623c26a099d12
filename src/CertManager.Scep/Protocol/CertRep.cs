using System.Security.Cryptography.X509Certificates;

namespace CertManager.Scep.Protocol;

/// <summary>A verified CertRep (RFC 8894 §3.3.2): its status, why it failed, and on success the certificates it delivered.</summary>
internal sealed record CertRep(PkiStatus Status, FailInfo? FailInfo, IReadOnlyList<X509Certificate2> Certificates);
