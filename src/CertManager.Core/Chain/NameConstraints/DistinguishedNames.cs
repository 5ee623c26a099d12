using System.Formats.Asn1;
using System.Text;

namespace CertManager.Core.Chain.NameConstraints;

/// <summary>One attribute of a relative distinguished name; <see cref="Value"/> is the string, or hex for other types.</summary>
internal sealed record NameAttribute(string Type, string Value, bool IsString);

/// <summary>
/// Distinguished names for directoryName constraints (RFC 5280 §4.2.1.10, §7.1): a name is within a subtree when the
/// subtree's RDNs are its first RDNs; attribute values compare as RFC 4518 prepared strings (case and inner spaces
/// folded) when both are strings, and byte for byte otherwise.
/// </summary>
internal static class DistinguishedNames
{
    public static List<List<NameAttribute>>? Read(byte[] name)
    {
        try
        {
            var rdns = new List<List<NameAttribute>>();
            var sequence = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var rdn = new List<NameAttribute>();
                var set = sequence.ReadSetOf();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var type = attribute.ReadObjectIdentifier();
                    var tag = attribute.PeekTag();
                    if (tag.TagClass == TagClass.Universal && StringTypes.TryGetValue(tag.TagValue, out var stringType))
                    {
                        rdn.Add(new NameAttribute(type, attribute.ReadCharacterString(stringType), IsString: true));
                    }
                    else
                    {
                        rdn.Add(new NameAttribute(type, Convert.ToHexString(attribute.ReadEncodedValue().Span), IsString: false));
                    }
                }

                rdns.Add(rdn);
            }

            return rdns;
        }
        catch (Exception exception) when (exception is AsnContentException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// A key under which names equal by RFC 5280 §7.1 comparison (case, spacing and string type aside) are the same,
    /// for issuer/subject name chaining; the DER bytes when the name cannot be read.
    /// </summary>
    public static string CanonicalKey(byte[] name)
    {
        var rdns = Read(name);
        if (rdns is null)
        {
            return Convert.ToHexString(name);
        }

        return string.Join("/", rdns.Select(rdn => string.Join("+", rdn
            .Select(a => a.Type + "=" + (a.IsString ? Prepare(a.Value).ToLowerInvariant() : "#" + a.Value))
            .Order(StringComparer.Ordinal))));
    }

    public static bool IsWithin(byte[] name, byte[] subtree)
    {
        var names = Read(name);
        var constraint = Read(subtree);
        if (names is null || constraint is null || constraint.Count > names.Count)
        {
            return false;
        }

        return constraint.Select((rdn, i) => RdnEquals(rdn, names[i])).All(equal => equal);
    }

    private static readonly Dictionary<int, UniversalTagNumber> StringTypes = new()
    {
        [(int)UniversalTagNumber.UTF8String] = UniversalTagNumber.UTF8String,
        [(int)UniversalTagNumber.PrintableString] = UniversalTagNumber.PrintableString,
        [(int)UniversalTagNumber.IA5String] = UniversalTagNumber.IA5String,
        [(int)UniversalTagNumber.BMPString] = UniversalTagNumber.BMPString,
        [(int)UniversalTagNumber.T61String] = UniversalTagNumber.T61String,
        [(int)UniversalTagNumber.UniversalString] = UniversalTagNumber.UniversalString,
    };

    private static bool RdnEquals(List<NameAttribute> left, List<NameAttribute> right) =>
        left.Count == right.Count && left.All(a => right.Any(b => AttributeEquals(a, b)));

    private static bool AttributeEquals(NameAttribute left, NameAttribute right) =>
        left.Type == right.Type && (left.IsString && right.IsString
            ? string.Equals(Prepare(left.Value), Prepare(right.Value), StringComparison.OrdinalIgnoreCase)
            : left.IsString == right.IsString && left.Value == right.Value);

    private static string Prepare(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
