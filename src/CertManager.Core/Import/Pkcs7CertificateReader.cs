using System.Formats.Asn1;

namespace CertManager.Core.Import;

/// <summary>
/// Takes the certificates out of a PKCS#7 / CMS SignedData bundle (.p7b/.p7c, RFC 5652 5.1), the "degenerate"
/// kind CAs use to ship a chain: no content, no signers, just certificates. BER is accepted since p7b files
/// from Windows often use indefinite lengths.
/// </summary>
internal static class Pkcs7CertificateReader
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private static readonly Asn1Tag CertificatesTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>The DER of each certificate; throws <see cref="AsnContentException"/> when the structure is not SignedData.</summary>
    public static IReadOnlyList<byte[]> Read(ReadOnlyMemory<byte> content)
    {
        var contentInfo = new AsnReader(content, AsnEncodingRules.BER).ReadSequence();
        if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
        {
            throw new AsnContentException("the PKCS#7 content is not SignedData");
        }

        var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ReadSequence();
        var certificates = new List<byte[]>();
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(CertificatesTag))
        {
            var set = signedData.ReadSetOf(skipSortOrderValidation: true, CertificatesTag);
            while (set.HasData)
            {
                var tag = set.PeekTag();
                var encoded = set.ReadEncodedValue();
                // CertificateChoices: only the plain Certificate (a SEQUENCE) is a certificate; skip attribute certificates.
                if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    certificates.Add(encoded.ToArray());
                }
            }
        }

        return certificates;
    }
}
