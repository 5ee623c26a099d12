using System.Text;

namespace CertManager.Core.Import;

/// <summary>
/// Finds PEM blocks (RFC 7468) anywhere in a text: several per file, any order, CRLF or LF, a UTF-8 BOM, and
/// free text such as OpenSSL's "Bag Attributes" between them. Linear in the input; stops after a set number of blocks.
/// </summary>
internal static class PemBlockReader
{
    private const string BeginMarker = "-----BEGIN ";
    private const string Dashes = "-----";

    public static bool LooksLikePem(ReadOnlySpan<byte> content) =>
        content.IndexOf("-----BEGIN "u8) >= 0;

    public static IReadOnlyList<PemBlock> Read(ReadOnlySpan<byte> content, int maxBlocks, out bool truncated)
    {
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(content).TrimStart('\uFEFF');
        var blocks = new List<PemBlock>();
        truncated = false;
        var position = 0;
        while (true)
        {
            var begin = text.IndexOf(BeginMarker, position, StringComparison.Ordinal);
            if (begin < 0)
            {
                break;
            }

            var labelStart = begin + BeginMarker.Length;
            var labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                break;
            }

            var label = text[labelStart..labelEnd];
            var endMarker = $"-----END {label}-----";
            var bodyStart = labelEnd + Dashes.Length;
            var end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                // A block without its END line: report it as unreadable rather than silently skipping it.
                blocks.Add(new PemBlock(label, new Dictionary<string, string>(), string.Empty, text[begin..]));
                break;
            }

            if (blocks.Count == maxBlocks)
            {
                truncated = true;
                break;
            }

            blocks.Add(Parse(label, text[bodyStart..end], text[begin..(end + endMarker.Length)]));
            position = end + endMarker.Length;
        }

        return blocks;
    }

    private static PemBlock Parse(string label, string body, string wholeBlock)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var base64 = new StringBuilder(body.Length);
        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                continue;
            }

            base64.Append(line);
        }

        return new PemBlock(label, headers, base64.ToString(), wholeBlock);
    }
}
