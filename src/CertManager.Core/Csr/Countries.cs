using System.Globalization;

namespace CertManager.Core.Csr;

/// <summary>
/// The ISO 3166-1 alpha-2 list the CSR form offers for Country (C). The data is generated from the ISO list
/// (<see cref="CountryData"/>); look-ups ignore case, and searches also ignore accents ("cote" finds Côte d'Ivoire).
/// </summary>
public static class Countries
{
    private static readonly Dictionary<string, Country> ByCode =
        CountryData.Entries.ToDictionary(country => country.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    /// <summary>Every country, ordered by code.</summary>
    public static IReadOnlyList<Country> All => CountryData.Entries;

    /// <summary>The country with this two-letter code in any case, e.g. "ca" or "CA"; null when ISO 3166-1 has no such code.</summary>
    public static Country? Find(string? code) =>
        code is { Length: 2 } && ByCode.TryGetValue(code, out var country) ? country : null;

    /// <summary>
    /// Countries whose code or name matches <paramref name="text"/>: the exact code first, then names that start
    /// with the text, then names that contain it. Empty text returns every country.
    /// </summary>
    public static IReadOnlyList<Country> Search(string? text)
    {
        var query = text?.Trim() ?? string.Empty;
        if (query.Length == 0)
        {
            return All;
        }

        return CountryData.Entries
            .Select(country => (Country: country, Rank: Rank(country, query)))
            .Where(match => match.Rank < NoMatch)
            .OrderBy(match => match.Rank)
            .ThenBy(match => match.Country.Name, StringComparer.Ordinal)
            .Select(match => match.Country)
            .ToList();
    }

    /// <summary>The code for a country's English name, e.g. "Canada" gives CA; used to suggest a fix.</summary>
    public static Country? FindByName(string? name)
    {
        var query = name?.Trim() ?? string.Empty;
        return query.Length == 0
            ? null
            : CountryData.Entries.FirstOrDefault(country => Names(country).Any(n => Compare.Compare(n, query, Loose) == 0));
    }

    private const int NoMatch = int.MaxValue;

    private static int Rank(Country country, string query)
    {
        if (string.Equals(country.Code, query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var rank = NoMatch;
        foreach (var name in Names(country))
        {
            if (Compare.IsPrefix(name, query, Loose))
            {
                rank = Math.Min(rank, 1);
            }
            else if (Compare.IndexOf(name, query, Loose) >= 0)
            {
                rank = Math.Min(rank, 2);
            }
        }

        return rank;
    }

    private static IEnumerable<string> Names(Country country) => country.OtherNames.Prepend(country.Name);
}
