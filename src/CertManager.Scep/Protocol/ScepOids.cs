namespace CertManager.Scep.Protocol;

/// <summary>The SCEP signed attributes (RFC 8894 §3.2.1, under VeriSign's arc 2.16.840.1.113733.1.9) and the PKCS#9 challenge.</summary>
internal static class ScepOids
{
    public const string MessageType = "2.16.840.1.113733.1.9.2";
    public const string PkiStatus = "2.16.840.1.113733.1.9.3";
    public const string FailInfo = "2.16.840.1.113733.1.9.4";
    public const string SenderNonce = "2.16.840.1.113733.1.9.5";
    public const string RecipientNonce = "2.16.840.1.113733.1.9.6";
    public const string TransactionId = "2.16.840.1.113733.1.9.7";

    /// <summary>PKCS#9 challengePassword (RFC 2985 §5.4.1): RFC 8894 §2.2 carries the enrollment password in the CSR.</summary>
    public const string ChallengePassword = "1.2.840.113549.1.9.7";
}
