using System.Formats.Asn1;
using System.Net;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A CN in the server certificate's subject that is not one of its subjectAltName entries.</summary>
internal sealed class CommonNameNotInSubjectAltNameRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "server.cn-not-in-san",
        "The server certificate's CN is not among its subjectAltNames",
        Severity.Error,
        Severity.Info,
        "Request the certificate again with the CN also listed as an alternate name (the console's CSR page does this).",
        RuleSource.CabForumBaselineRequirements,
        "CA/B Forum BR §7.1.4.3: a CN MUST contain a value from the subjectAltName extension (zlint e_subject_common_name_not_exactly_from_san)");

    public override bool Applies(CertificateOnPath certificate) =>
        certificate.IsServer && !certificate.IsCertificateAuthority && certificate.Extension(Oids.SubjectAltName) is not null;

    public override string? Check(CertificateOnPath certificate)
    {
        foreach (var commonName in CommonNames(certificate))
        {
            var covered = certificate.AlternateNames.Any(n =>
                (n.Kind == AlternativeNameKind.Dns && string.Equals(n.Value, commonName, StringComparison.OrdinalIgnoreCase))
                || (n.Kind == AlternativeNameKind.IpAddress && IPAddress.TryParse(commonName, out var address) && address.ToString() == n.Value));
            if (!covered)
            {
                return $"{certificate.Label} has the CN '{commonName}', which is not among its alternate names ({string.Join(", ", certificate.AlternateNames)}).";
            }
        }

        return null;
    }

    /// <summary>Every CN attribute of the subject (RFC 5280 4.1.2.6), in order.</summary>
    internal static IEnumerable<string> CommonNames(CertificateOnPath certificate)
    {
        var names = new List<string>();
        var rdns = new AsnReader(certificate.Certificate.SubjectName.RawData, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            var set = rdns.ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                if (type == Oids.CommonName)
                {
                    names.Add(attribute.ReadCharacterString(attribute.PeekTag().TagValue switch
                    {
                        (int)UniversalTagNumber.PrintableString => UniversalTagNumber.PrintableString,
                        (int)UniversalTagNumber.BMPString => UniversalTagNumber.BMPString,
                        (int)UniversalTagNumber.IA5String => UniversalTagNumber.IA5String,
                        (int)UniversalTagNumber.T61String => UniversalTagNumber.T61String,
                        _ => UniversalTagNumber.UTF8String,
                    }));
                }
            }
        }

        return names;
    }
}
