namespace CertManager.Scep.Protocol;

/// <summary>Why a reply to a PKIOperation could not be trusted or understood; <see cref="ScepErrors.BadReply"/> words each.</summary>
public enum CertRepFault
{
    NotCms,
    SignatureInvalid,
    SignerUnknown,
    NotCertRep,
    TransactionIdMismatch,
    NonceMismatch,
    StatusMissing,
    EnvelopeUnreadable,
    NoCertificate,
}
