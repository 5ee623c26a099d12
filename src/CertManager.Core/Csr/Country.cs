namespace CertManager.Core.Csr;

/// <summary>
/// One ISO 3166-1 country: the alpha-2 <paramref name="Code"/> a certificate's C attribute holds, its English
/// short <paramref name="Name"/>, and the common or official names people also search by.
/// </summary>
public sealed record Country(string Code, string Name, IReadOnlyList<string> OtherNames)
{
    public override string ToString() => $"{Code} – {Name}";
}
