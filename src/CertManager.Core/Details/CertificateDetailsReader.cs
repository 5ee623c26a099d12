using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Expiry;

namespace CertManager.Core.Details;

/// <summary>Builds the <see cref="CertificateDetails"/> the tab shows from a certificate.</summary>
public sealed class CertificateDetailsReader(ExpiryClassifier expiryClassifier, TimeProvider timeProvider)
{
    private static readonly Dictionary<string, string> SignatureAlgorithmNames = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.5"] = "sha1WithRSAEncryption",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption",
        ["1.2.840.113549.1.1.12"] = "sha384WithRSAEncryption",
        ["1.2.840.113549.1.1.13"] = "sha512WithRSAEncryption",
        ["1.2.840.113549.1.1.10"] = "RSASSA-PSS",
        ["1.2.840.113549.1.1.4"] = "md5WithRSAEncryption",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256",
        ["1.2.840.10045.4.3.3"] = "ecdsa-with-SHA384",
        ["1.2.840.10045.4.3.4"] = "ecdsa-with-SHA512",
        ["1.3.101.112"] = "Ed25519",
    };

    public CertificateDetails Read(X509Certificate2 certificate, CertificateOrigin origin)
    {
        var subject = DistinguishedNameParser.Parse(certificate.SubjectName);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var (keyAlgorithm, keySize) = DescribeKey(certificate);
        return new CertificateDetails(
            Issuer: DistinguishedNameParser.Parse(certificate.IssuerName),
            Subject: subject,
            CertificateName: subject.CommonName ?? string.Empty,
            AlternateNames: AlternativeNameReader.Read(certificate),
            ValidFrom: new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            Expires: notAfter,
            DaysRemaining: DaysRemaining(notAfter, timeProvider.GetUtcNow()),
            ExpiryLevel: expiryClassifier.Classify(notAfter),
            SerialNumber: FormatSerial(certificate),
            Sha256Fingerprint: FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            KeyAlgorithm: keyAlgorithm,
            KeySizeBits: keySize,
            SignatureAlgorithm: SignatureAlgorithmName(certificate),
            Origin: origin)
        {
            SubjectText = Certificates.DistinguishedNameText.Format(certificate.SubjectName),
            IssuerText = Certificates.DistinguishedNameText.Format(certificate.IssuerName),
        };
    }

    /// <summary>Details read earlier, with what depends on the time (days remaining, expiry level) as of now.</summary>
    public CertificateDetails AsOfNow(CertificateDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var now = timeProvider.GetUtcNow();
        return details with { DaysRemaining = DaysRemaining(details.Expires, now), ExpiryLevel = expiryClassifier.Classify(details.Expires, now) };
    }

    /// <summary>Whole days left, rounded down; negative once expired.</summary>
    public static int DaysRemaining(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    /// <summary>Upper-case hex octets joined by colons, as openssl prints fingerprints and serials.</summary>
    public static string FormatHex(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    /// <summary>The signature algorithm under openssl's name, e.g. sha256WithRSAEncryption.</summary>
    internal static string SignatureAlgorithmName(X509Certificate2 certificate)
    {
        var algorithm = certificate.SignatureAlgorithm;
        return SignatureAlgorithmNames.TryGetValue(algorithm.Value ?? string.Empty, out var name) ? name : algorithm.FriendlyName ?? algorithm.Value ?? "unknown";
    }

    internal static string FormatSerial(X509Certificate2 certificate) => FormatSerial(certificate.SerialNumberBytes.Span);

    /// <summary>
    /// The serial as openssl prints it: DER pads a positive INTEGER whose top bit is set with a 0x00 sign octet
    /// (X.690 8.3.2), which is encoding, not part of the number (RFC 5280 4.1.2.2), so it is left out.
    /// </summary>

    private static string FormatSerial(ReadOnlySpan<byte> serial) =>
        FormatHex(serial.Length > 1 && serial[0] == 0x00 && serial[1] >= 0x80 ? serial[1..] : serial);

    /// <summary>
    /// The key's algorithm and size. RSA is read from the key's DER (the modulus length), not loaded: loading builds an
    /// OpenSSL key object, which cost most of an upload's whole examination.
    /// </summary>
    internal static (string Algorithm, int SizeBits) DescribeKey(X509Certificate2 certificate)
    {
        if (Chain.Rules.PublicKeyFacts.IsRsa(certificate))
        {
            return ("RSA", Chain.Rules.PublicKeyFacts.RsaModulusBits(certificate));
        }

        using (var ecdsa = certificate.GetECDsaPublicKey())
        {
            if (ecdsa is not null)
            {
                return ("EC", ecdsa.KeySize);
            }
        }

        var oid = certificate.PublicKey.Oid.Value ?? string.Empty;
        return (Import.NonRsaKeyAlgorithms.NameOf(oid) ?? certificate.PublicKey.Oid.FriendlyName ?? (oid.Length > 0 ? oid : "unknown"), 0);
    }
}
