using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Details;

/// <summary>Reads the attributes of an X.500 name by OID, so that display never depends on a string format.</summary>
internal static class DistinguishedNameParser
{
    /// <summary>The attribute types the console shows, by OID, with their usual short labels.</summary>
    internal static readonly Dictionary<string, string> LabelsByOid = new(StringComparer.Ordinal)
    {
        ["2.5.4.6"] = "C",
        ["2.5.4.8"] = "ST",
        ["2.5.4.7"] = "L",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.3"] = "CN",
        ["1.2.840.113549.1.9.1"] = "emailAddress",
    };

    public static NameFields Parse(X500DistinguishedName name)
    {
        var found = new List<NameField>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            if (LabelsByOid.TryGetValue(rdn.GetSingleElementType().Value ?? string.Empty, out var label))
            {
                var value = rdn.GetSingleElementValue();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    found.Add(new NameField(label, value.Trim()));
                }
            }
        }

        // Certificates encode attributes in any order; the tab shows them in the classic one.
        var ordered = found.OrderBy(field => NameFields.DisplayOrder.IndexOf(field.Label)).ToList();
        return new NameFields(ordered);
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return list.Count;
    }
}
