namespace CertManager.Scep.Protocol;

/// <summary>The pkiStatus of a CertRep (RFC 8894 §3.2.1.3).</summary>
public enum PkiStatus
{
    Success = 0,
    Failure = 2,
    Pending = 3,
}
