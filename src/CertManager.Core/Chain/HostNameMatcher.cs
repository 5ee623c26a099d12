using CertManager.Core.Details;

namespace CertManager.Core.Chain;

/// <summary>Whether a certificate's names cover a host name, as browsers decide it (RFC 6125 6.4: one wildcard, leftmost label only).</summary>
internal static class HostNameMatcher
{
    public static bool Covers(IReadOnlyList<SubjectAlternativeName> names, string host)
    {
        if (System.Net.IPAddress.TryParse(host, out var address))
        {
            return names.Any(n => n.Kind == AlternativeNameKind.IpAddress && System.Net.IPAddress.Parse(n.Value).Equals(address));
        }

        return names.Where(n => n.Kind == AlternativeNameKind.Dns).Any(n => Matches(n.Value, host));
    }

    private static bool Matches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase);
    }
}
