using System.Formats.Asn1;
using System.Net;

namespace CertManager.Core.Chain.NameConstraints;

/// <summary>The GeneralName forms name constraints are defined for (RFC 5280 §4.2.1.6); <see cref="Other"/> for the rest.</summary>
internal enum GeneralNameKind
{
    Email,
    Dns,
    DirectoryName,
    Uri,
    IpAddress,
    Other,
}

/// <summary>
/// One GeneralName: <see cref="Text"/> for the string forms, <see cref="Raw"/> for an IP address (or address and mask
/// in a constraint) and for a directory name (its DER Name).
/// </summary>
internal sealed record GeneralName(GeneralNameKind Kind, string Text, byte[] Raw)
{
    public override string ToString() => Kind switch
    {
        GeneralNameKind.Email => $"email:{Text}",
        GeneralNameKind.Dns => $"DNS:{Text}",
        GeneralNameKind.Uri => $"URI:{Text}",
        GeneralNameKind.IpAddress => $"IP:{Text}",
        GeneralNameKind.DirectoryName => $"DirName:{Text}",
        _ => Text,
    };

    /// <summary>Reads one GeneralName; <paramref name="isConstraint"/> makes an IP address an address with its mask.</summary>
    public static GeneralName Read(AsnReader reader, bool isConstraint)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific)
        {
            return new(GeneralNameKind.Other, $"[{tag.TagValue}]", reader.ReadEncodedValue().ToArray());
        }

        switch (tag.TagValue)
        {
            case 1:
                return new(GeneralNameKind.Email, reader.ReadCharacterString(UniversalTagNumber.IA5String, tag), []);
            case 2:
                return new(GeneralNameKind.Dns, reader.ReadCharacterString(UniversalTagNumber.IA5String, tag), []);
            case 4:
                var name = reader.ReadSequence(tag).ReadEncodedValue().ToArray();
                return new(GeneralNameKind.DirectoryName, new System.Security.Cryptography.X509Certificates.X500DistinguishedName(name).Name, name);
            case 6:
                return new(GeneralNameKind.Uri, reader.ReadCharacterString(UniversalTagNumber.IA5String, tag), []);
            case 7:
                var bytes = reader.ReadOctetString(tag);
                return new(GeneralNameKind.IpAddress, DescribeAddress(bytes, isConstraint), bytes);
            default:
                return new(GeneralNameKind.Other, $"name form [{tag.TagValue}]", reader.ReadEncodedValue().ToArray());
        }
    }

    private static string DescribeAddress(byte[] bytes, bool isConstraint)
    {
        if (!isConstraint && bytes.Length is 4 or 16)
        {
            return new IPAddress(bytes).ToString();
        }

        if (isConstraint && bytes.Length is 8 or 32)
        {
            var half = bytes.Length / 2;
            var prefix = bytes[half..].Sum(b => System.Numerics.BitOperations.PopCount(b));
            return $"{new IPAddress(bytes[..half])}/{prefix}";
        }

        return Convert.ToHexString(bytes);
    }
}
