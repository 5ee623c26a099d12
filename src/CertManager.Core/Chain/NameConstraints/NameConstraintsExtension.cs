using System.Formats.Asn1;

namespace CertManager.Core.Chain.NameConstraints;

/// <summary>
/// A CA's nameConstraints extension (RFC 5280 §4.2.1.10): permitted and excluded subtrees. <see cref="Unsupported"/>
/// is set when a subtree uses minimum/maximum (which RFC 5280 forbids) or the extension cannot be read.
/// </summary>
internal sealed record NameConstraintsExtension(IReadOnlyList<GeneralName> Permitted, IReadOnlyList<GeneralName> Excluded, bool Unsupported)
{
    public static NameConstraintsExtension Read(byte[] value)
    {
        var permitted = new List<GeneralName>();
        var excluded = new List<GeneralName>();
        try
        {
            var sequence = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
            var unsupported = false;
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                var target = tag.TagValue == 0 ? permitted : excluded;
                var subtrees = sequence.ReadSequence(tag);
                while (subtrees.HasData)
                {
                    var subtree = subtrees.ReadSequence();
                    target.Add(GeneralName.Read(subtree, isConstraint: true));
                    unsupported |= subtree.HasData;
                }
            }

            return new(permitted, excluded, unsupported);
        }
        catch (AsnContentException)
        {
            return new(permitted, excluded, Unsupported: true);
        }
    }
}
