namespace CertManager.Core.Chain.Rules;

/// <summary>The object identifiers the rules look for (RFC 5280 4.2.1, RFC 3279, RFC 5480).</summary>
internal static class Oids
{
    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string SubjectAltName = "2.5.29.17";
    public const string NameConstraints = "2.5.29.30";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string AnyExtendedKeyUsage = "2.5.29.37.0";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Dsa = "1.2.840.10040.4.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string P256 = "1.2.840.10045.3.1.7";
    public const string P384 = "1.3.132.0.34";
    public const string P521 = "1.3.132.0.35";
    public const string CommonName = "2.5.4.3";
}
