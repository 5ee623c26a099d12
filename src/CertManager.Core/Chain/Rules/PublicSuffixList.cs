using System.Collections.Frozen;

namespace CertManager.Core.Chain.Rules;

/// <summary>
/// The ICANN section of the Public Suffix List (registries such as <c>com</c>, <c>co.uk</c>, <c>*.ck</c>), embedded from
/// <c>public-suffixes-icann.txt</c> (a dated snapshot written by <c>scripts/generate-public-suffixes.py</c>).
/// A name is a public suffix when a rule names it exactly, or a wildcard rule covers it and no exception rule does
/// (publicsuffix.org "Algorithm"). Unlike the list's default rule, an unknown top-level domain (<c>corp</c>, <c>lan</c>)
/// is not a public suffix here: Chrome does the same when it refuses wildcards under registries.
/// </summary>
internal static class PublicSuffixList
{
    private static readonly Lazy<(FrozenSet<string> Rules, FrozenSet<string> Wildcards, FrozenSet<string> Exceptions)> Lists = new(Load);

    /// <summary>Whether <paramref name="domain"/> (A-labels, no trailing dot) is an ICANN public suffix.</summary>
    public static bool IsPublicSuffix(string domain)
    {
        var name = domain.TrimEnd('.').ToLowerInvariant();
        var (rules, wildcards, exceptions) = Lists.Value;
        if (rules.Contains(name))
        {
            return true;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && wildcards.Contains(name[(dot + 1)..]) && !exceptions.Contains(name);
    }

    private static (FrozenSet<string>, FrozenSet<string>, FrozenSet<string>) Load()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("CertManager.Core.Chain.Rules.public-suffixes-icann.txt")
            ?? throw new InvalidOperationException("The embedded public suffix list is missing from the build.");
        using var reader = new StreamReader(stream);
        var rules = new List<string>();
        var wildcards = new List<string>();
        var exceptions = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '!')
            {
                exceptions.Add(line[1..]);
            }
            else if (line.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcards.Add(line[2..]);
            }
            else
            {
                rules.Add(line);
            }
        }

        return (rules.ToFrozenSet(StringComparer.Ordinal), wildcards.ToFrozenSet(StringComparer.Ordinal), exceptions.ToFrozenSet(StringComparer.Ordinal));
    }
}
