using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Details;

namespace CertManager.Core.Certificates;

/// <summary>
/// The one spelling of a distinguished name the console shows everywhere (pages, events, emails, webhooks, CLI,
/// API): "C=CA, ST=Ontario, L=Toronto, O=Example, CN=server.example.com", attributes in the order they are encoded,
/// as <c>openssl x509 -subject</c> prints them, with the RFC 4514 §3 short names (ST, not the platform's S) and
/// values escaped as RFC 4514 §2.4 requires. <see cref="X509Certificate.Subject"/> reverses the order and says
/// "S=", so it is never shown.
/// </summary>
public static class DistinguishedNameText
{
    public static string Format(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = new List<string>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            parts.Add(rdn.HasMultipleElements
                ? string.Join(" + ", MultiValued(rdn).Select(pair => Attribute(pair.Oid, pair.Value)))
                : Attribute(rdn.GetSingleElementType().Value ?? string.Empty, rdn.GetSingleElementValue() ?? string.Empty));
        }

        return string.Join(", ", parts);
    }

    /// <summary>The certificate's subject in the console's spelling.</summary>
    public static string SubjectText(this X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Format(certificate.SubjectName);
    }

    /// <summary>The certificate's issuer in the console's spelling.</summary>
    public static string IssuerText(this X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Format(certificate.IssuerName);
    }

    private static string Attribute(string oid, string value) =>
        $"{DistinguishedNameParser.LabelsByOid.GetValueOrDefault(oid, oid)}={Escape(value)}";

    /// <summary>A multi-valued RDN (RFC 4514 §2.2, "CN=a + O=b"), which the platform reads only as a whole.</summary>
    private static List<(string Oid, string Value)> MultiValued(X500RelativeDistinguishedName rdn)
    {
        var pairs = new List<(string Oid, string Value)>();
        var set = new AsnReader(rdn.RawData, AsnEncodingRules.DER).ReadSetOf();
        while (set.HasData)
        {
            var pair = set.ReadSequence();
            var oid = pair.ReadObjectIdentifier();
            var tag = pair.PeekTag();
            var value = tag.TagClass == TagClass.Universal && Enum.IsDefined((UniversalTagNumber)tag.TagValue)
                ? TryReadString(pair, (UniversalTagNumber)tag.TagValue)
                : null;
            pairs.Add((oid, value ?? "#" + Convert.ToHexString(pair.ReadEncodedValue().Span)));
        }

        return pairs;
    }

    private static string? TryReadString(AsnReader reader, UniversalTagNumber type)
    {
        try
        {
            return reader.ReadCharacterString(type);
        }
        catch (ArgumentException)
        {
            return null; // not a character string type: shown as RFC 4514 §2.4 hex
        }
    }

    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';'
                || (i == 0 && c is '#' or ' ')
                || (i == value.Length - 1 && c == ' ');
            if (special)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
