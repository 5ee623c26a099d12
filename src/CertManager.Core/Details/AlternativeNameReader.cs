using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Details;

/// <summary>Reads every DNS, IP, email and URI entry of the subjectAltName extension (RFC 5280 4.2.1.6).</summary>
internal static class AlternativeNameReader
{
    private const string SubjectAltNameOid = "2.5.29.17";

    public static IReadOnlyList<SubjectAlternativeName> Read(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
        return Read(extension);
    }

    /// <summary>Reads the entries of one subjectAltName extension, e.g. from a CSR's extension request; none when null.</summary>
    public static IReadOnlyList<SubjectAlternativeName> Read(X509Extension? extension)
    {
        if (extension is null || extension.Oid?.Value != SubjectAltNameOid)
        {
            return [];
        }

        var names = new List<SubjectAlternativeName>();
        try
        {
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    sequence.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 1:
                        names.Add(new(AlternativeNameKind.Email, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                        break;
                    case 2:
                        names.Add(new(AlternativeNameKind.Dns, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                        break;
                    case 6:
                        names.Add(new(AlternativeNameKind.Uri, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                        break;
                    case 7:
                        names.Add(new(AlternativeNameKind.IpAddress, new IPAddress(sequence.ReadOctetString(tag)).ToString()));
                        break;
                    default:
                        sequence.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is AsnContentException or ArgumentException)
        {
            // A malformed extension shows what could be read; chain checks report the certificate itself.
        }

        return names;
    }
}
