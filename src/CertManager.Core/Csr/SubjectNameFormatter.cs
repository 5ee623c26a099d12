using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Csr;

/// <summary>
/// Builds the CSR subject in the classic order C, ST, L, O, OU, CN (RFC 5280 4.1.2.4 leaves the order to the
/// issuer's profile; CAs and openssl expect this one) (shown by <see cref="Certificates.DistinguishedNameText"/> in that same encoded order).
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
}
