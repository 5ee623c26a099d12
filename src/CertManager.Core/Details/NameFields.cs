namespace CertManager.Core.Details;

/// <summary>One attribute of a distinguished name as shown to a person, e.g. ("ST", "Ontario").</summary>
public sealed record NameField(string Label, string Value);

/// <summary>
/// The attributes of a distinguished name the console shows, in the classic order C, ST, L, O, OU, CN, emailAddress.
/// Blank attributes are left out; repeated ones (several OUs) each get a line.
/// </summary>
public sealed record NameFields(IReadOnlyList<NameField> Lines)
{
    public static readonly IReadOnlyList<string> DisplayOrder = ["C", "ST", "L", "O", "OU", "CN", "emailAddress"];

    public string? Country => First("C");

    public string? State => First("ST");

    public string? Locality => First("L");

    public string? Organization => First("O");

    public string? OrganizationalUnit => First("OU");

    public string? CommonName => First("CN");

    public string? EmailAddress => First("emailAddress");

    public string? First(string label) => Lines.FirstOrDefault(line => line.Label == label)?.Value;
}
