using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// Builds the CSR subject in the classic order C, ST, L, O, OU, CN (RFC 5280 4.1.2.4 leaves the order to the
/// issuer's profile; CAs and openssl expect this one) and writes it as text in that same encoded order.
/// </summary>
internal static class SubjectNameFormatter
{
    public static X500DistinguishedName Build(string? country, string? state, string? locality, string? organization, string? organizationalUnit, string commonName)
    {
        // X500DistinguishedNameBuilder encodes the attributes in the reverse of the order they are added (so
        // that its Name string reads in call order); adding CN first therefore encodes C first.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        if (organizationalUnit is not null)
        {
            builder.AddOrganizationalUnitName(organizationalUnit);
        }

        if (organization is not null)
        {
            builder.AddOrganizationName(organization);
        }

        if (locality is not null)
        {
            builder.AddLocalityName(locality);
        }

        if (state is not null)
        {
            builder.AddStateOrProvinceName(state);
        }

        if (country is not null)
        {
            builder.AddCountryOrRegion(country);
        }

        return builder.Build();
    }

    /// <summary>
    /// "C=CA, ST=Ontario, ..., CN=server.example.com": attributes in the order they are encoded (not the
    /// reversed order of <see cref="X500DistinguishedName.Name"/>), values escaped as RFC 4514 2.4 requires.
    /// </summary>
    public static string Format(X500DistinguishedName name)
    {
        var parts = new List<string>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            var oid = rdn.GetSingleElementType().Value ?? string.Empty;
            var label = DistinguishedNameParser.LabelsByOid.GetValueOrDefault(oid, oid);
            parts.Add($"{label}={Escape(rdn.GetSingleElementValue() ?? string.Empty)}");
        }

        return string.Join(", ", parts);
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
