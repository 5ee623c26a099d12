using System.Text;
using System.Text.RegularExpressions;
using CertManager.Core.Results;

namespace CertManager.Core.Csr;

/// <summary>
/// Rules for the free-text subject attributes: lengths are RFC 5280 Appendix A.1 upper bounds, counted in
/// characters (ub-state-name and ub-locality-name 128, ub-organization-name and ub-organizational-unit-name 64,
/// ub-common-name 64); state and locality are expected spelled out, as CAs validate them against registries.
/// </summary>
internal static partial class SubjectFieldRules
{
    public const int MaxStateLength = 128;
    public const int MaxLocalityLength = 128;
    public const int MaxOrganizationLength = 64;
    public const int MaxOrganizationalUnitLength = 64;
    public const int MaxCommonNameLength = 64;

    /// <summary>Trims the value; null when blank (the attribute is left out). Adds errors and warnings to <paramref name="problems"/>.</summary>
    public static string? Check(CsrField field, string? value, int maximum, List<Problem> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.EnumerateRunes().Any(rune => Rune.IsControl(rune) || rune == Rune.ReplacementChar))
        {
            problems.Add(CsrErrors.InvalidCharacters(field));
        }

        var length = CharacterCount(trimmed);
        if (length > maximum)
        {
            problems.Add(CsrErrors.TooLong(field, maximum, length));
        }

        if (field is CsrField.State or CsrField.Locality)
        {
            if (LooksAbbreviated(trimmed))
            {
                problems.Add(CsrErrors.Abbreviated(field, trimmed));
            }
            else if (IsAllCapitals(trimmed))
            {
                problems.Add(CsrErrors.AllCapitals(field, trimmed));
            }
        }

        return trimmed;
    }

    /// <summary>Characters as RFC 5280 counts them: Unicode code points, not UTF-16 units.</summary>
    public static int CharacterCount(string value) => value.EnumerateRunes().Count();

    /// <summary>
    /// "ON", "ca", "NSW", "N.Y.": two letters in any case, or up to three capitals, optionally dotted. Real
    /// three-letter places ("Ely", "Ayr") are written with one capital and pass.
    /// </summary>
    private static bool LooksAbbreviated(string value)
    {
        var letters = value.Replace(".", string.Empty, StringComparison.Ordinal);
        return TwoLetters().IsMatch(letters) || ThreeCapitals().IsMatch(letters);
    }

    private static bool IsAllCapitals(string value)
    {
        var letters = value.Where(char.IsLetter).ToList();
        return letters.Count >= 2 && letters.All(char.IsUpper);
    }

    [GeneratedRegex(@"^\p{L}{2}$")]
    private static partial Regex TwoLetters();

    [GeneratedRegex(@"^\p{Lu}{3}$")]
    private static partial Regex ThreeCapitals();
}
