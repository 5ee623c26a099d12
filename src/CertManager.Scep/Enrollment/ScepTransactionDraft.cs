using CertManager.Core.Certificates;
using CertManager.Core.Enrollment;

namespace CertManager.Scep.Enrollment;

/// <summary>What is kept of a SCEP exchange to follow it later: the CA as confirmed, the transaction, its signer and nonce.</summary>
internal static class ScepTransactionDraft
{
    /// <summary>The kept form of <paramref name="reply"/>; <paramref name="csr"/> is the PKCS#10 request without the challengePassword, <paramref name="renewalOfSourceId"/> the source a re-enrollment renews.</summary>
    public static NewScepTransaction Create(ScepCaInfo ca, ScepReply reply, byte[] csr, string subject, long? renewalOfSourceId = null) => new(
        ca.Endpoint.Url,
        ca.Capabilities.Keywords,
        [.. ca.Certificates.Certificates.Select(c => c.RawData)],
        ca.Certificates.Authorities[0].SubjectText(),
        reply.TransactionId,
        reply.SignerCertificate,
        reply.SenderNonce,
        csr,
        subject)
    {
        RenewalOfSourceId = renewalOfSourceId,
    };
}
