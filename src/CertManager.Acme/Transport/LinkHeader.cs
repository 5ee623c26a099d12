namespace CertManager.Acme.Transport;

/// <summary>
/// One <c>Link</c> header value (RFC 8288): <c>&lt;url&gt;;rel="alternate"</c>. ACME uses <c>rel="index"</c>
/// (§7.1), <c>rel="up"</c> (§7.1.4, §7.4.2) and <c>rel="alternate"</c> for alternative certificate chains (§7.4.2).
/// </summary>
internal sealed record LinkHeader(Uri Target, string Relation)
{
    public static IEnumerable<LinkHeader> Parse(IEnumerable<string> values, Uri requestUrl)
    {
        foreach (var value in values)
        {
            // Several links may share one header, separated by commas outside the <...>.
            foreach (var link in Split(value))
            {
                var close = link.IndexOf('>', StringComparison.Ordinal);
                var open = link.IndexOf('<', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }

                var target = link[(open + 1)..close];
                var relation = link[(close + 1)..]
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                    .Where(p => p.Length == 2 && p[0].Equals("rel", StringComparison.OrdinalIgnoreCase))
                    .Select(p => p[1].Trim('"'))
                    .FirstOrDefault();
                if (relation is not null && Uri.TryCreate(requestUrl, target, out var uri))
                {
                    yield return new LinkHeader(uri, relation);
                }
            }
        }
    }

    private static IEnumerable<string> Split(string value)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            depth += value[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (value[i] == ',' && depth == 0)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }
}
