using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;

namespace CertManager.Core.Fleet;

/// <summary>
/// What travels inside the envelope, DER-encoded so no key material passes through strings:
/// <code>
/// FleetBundleContent ::= SEQUENCE {
///     certificate  Certificate,              -- the server certificate (RFC 5280)
///     chain        SEQUENCE OF Certificate,  -- the intermediates the edge presents
///     privateKey   OCTET STRING }            -- PKCS#8 PrivateKeyInfo (RFC 5208)
/// </code>
/// </summary>
internal static class BundleContent
{
    /// <summary>The encoded content; the caller zeroes it when sealed.</summary>
    public static byte[] Encode(X509Certificate2 certificate, IEnumerable<X509Certificate2> chain, AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(key);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        try
        {
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(certificate.RawData);
                using (writer.PushSequence())
                {
                    foreach (var intermediate in chain)
                    {
                        writer.WriteEncodedValue(intermediate.RawData);
                    }
                }

                writer.WriteOctetString(pkcs8);
            }

            return writer.Encode();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            writer.Reset();
        }
    }

    /// <summary>Reads the content back; the caller disposes the certificates and the key.</summary>
    public static (X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain, AsymmetricAlgorithm Key) Decode(byte[] content)
    {
        var reader = new AsnReader(content, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var certificate = X509CertificateLoader.LoadCertificate(sequence.ReadEncodedValue().Span);
        var chain = new List<X509Certificate2>();
        var chainReader = sequence.ReadSequence();
        while (chainReader.HasData)
        {
            chain.Add(X509CertificateLoader.LoadCertificate(chainReader.ReadEncodedValue().Span));
        }

        var pkcs8 = sequence.ReadOctetString();
        sequence.ThrowIfNotEmpty();
        try
        {
            return (certificate, chain, PrivateKeys.FromPkcs8(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
