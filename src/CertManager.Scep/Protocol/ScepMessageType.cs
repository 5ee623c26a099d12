namespace CertManager.Scep.Protocol;

/// <summary>The messageType attribute values (RFC 8894 §3.2.1.2), sent as decimal PrintableString.</summary>
internal enum ScepMessageType
{
    CertRep = 3,
    RenewalReq = 17,
    PkcsReq = 19,
    CertPoll = 20,
    GetCert = 21,
    GetCrl = 22,
}
