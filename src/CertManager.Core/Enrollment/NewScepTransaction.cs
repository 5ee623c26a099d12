namespace CertManager.Core.Enrollment;

/// <summary>What the SCEP client hands over when the CA answers PENDING. Certificates are DER; <see cref="Csr"/> carries no challengePassword.</summary>
public sealed record NewScepTransaction(
    Uri Endpoint,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<byte[]> CaCertificates,
    string CaName,
    string TransactionId,
    byte[] SignerCertificate,
    byte[] SenderNonce,
    byte[] Csr,
    string Subject)
{
    /// <summary>For a re-enrollment: the SCEP source whose certificate signed the RenewalReq (and signs the CertPolls).</summary>
    public long? RenewalOfSourceId { get; init; }
}
