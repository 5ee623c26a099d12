namespace CertManager.Core.Csr;

/// <summary>The form field a CSR problem belongs to, so that a form can show the message next to it (<see cref="CsrErrors.FieldOf"/>).</summary>
public enum CsrField
{
    Country,
    State,
    Locality,
    Organization,
    OrganizationalUnit,
    CommonName,
    AlternateNames,
    KeySize,
    Hash,
}
