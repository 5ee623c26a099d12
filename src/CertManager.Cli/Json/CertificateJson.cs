using System.Globalization;
using CertManager.Core.Chain;

namespace CertManager.Cli.Json;

/// <summary>One certificate in <c>certman inspect/verify --json</c> (docs/cli.md).</summary>
/// <param name="Subject">As .NET and openssl print it, e.g. <c>CN=server.example.com, O=Example Inc., C=CA</c>.</param>
/// <param name="Issuer">The issuer's name, in the same form.</param>
/// <param name="SerialNumber">Colon-separated upper-case hex octets, as openssl prints it, without a DER sign octet.</param>
/// <param name="NotBefore">ISO 8601, UTC.</param>
/// <param name="NotAfter">ISO 8601, UTC.</param>
/// <param name="Sha256Fingerprint">SHA-256 of the DER certificate, colon-separated upper-case hex.</param>
/// <param name="KeyAlgorithm"><c>RSA</c>, <c>EC</c>, ...</param>
/// <param name="KeySizeBits">The key size.</param>
/// <param name="SignatureAlgorithm">As openssl names it, e.g. <c>sha256WithRSAEncryption</c>.</param>
/// <param name="Sans">subjectAltName entries: <c>DNS:name</c>, <c>IP:address</c>, <c>email:...</c>, <c>URI:...</c>.</param>
/// <param name="IsCertificateAuthority">basicConstraints says CA.</param>
/// <param name="IsSelfIssued">Subject and issuer are the same name (a root).</param>
/// <param name="Source">Where it was read: the file, with the block or position inside it.</param>
internal sealed record CertificateJson(
    string Subject,
    string Issuer,
    string SerialNumber,
    string NotBefore,
    string NotAfter,
    string Sha256Fingerprint,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    IReadOnlyList<string> Sans,
    bool IsCertificateAuthority,
    bool IsSelfIssued,
    string Source)
{
    public static CertificateJson From(CertificateSummary summary) => new(
        summary.Subject,
        summary.Issuer,
        summary.SerialNumber,
        Timestamp(summary.NotBefore),
        Timestamp(summary.NotAfter),
        summary.Sha256Fingerprint,
        summary.KeyAlgorithm,
        summary.KeySizeBits,
        summary.SignatureAlgorithm,
        summary.AlternateNames.Select(name => name.ToString()).ToList(),
        summary.IsCertificateAuthority,
        summary.IsSelfIssued,
        summary.Source);

    /// <summary>ISO 8601 in UTC with a <c>Z</c>, e.g. <c>2030-12-31T08:30:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
