using System.Text;

namespace CertManager.Core.Export;

/// <summary>
/// The names of the exported files, derived from the certificate name and safe on Windows, macOS and Linux:
/// <c>*.example.com</c> becomes <c>wildcard.example.com</c> ('*' is not allowed in Windows file names), anything other
/// than letters, digits, '-', '_' and '.' becomes '_', trailing dots are dropped (Windows strips them) and the device
/// names Windows reserves (CON, NUL, COM1, ...) get a prefix.
/// </summary>
public sealed class ExportFileNames
{
    private const string WildcardPrefix = "*.";
    private const string Fallback = "certificate";
    private const int MaxBaseLength = 100;

    private static readonly HashSet<string> WindowsReservedNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(1, 9).SelectMany(n => new[] { $"COM{n}", $"LPT{n}" })],
        StringComparer.OrdinalIgnoreCase);

    private ExportFileNames(string baseName) => BaseName = baseName;

    /// <summary>e.g. <c>wildcard.example.com</c>.</summary>
    public string BaseName { get; }

    public string Certificate => BaseName + ".crt";

    public string Intermediates => BaseName + ".intermediates.crt";

    public string FullChain => BaseName + ".fullchain.crt";

    public string PrivateKey => BaseName + ".key";

    public string Description => BaseName + ".README.txt";

    public string Zip => BaseName + ".zip";

    public string PublicZip => BaseName + ".certificate-and-chain.zip";

    public string Pfx => BaseName + ".pfx";

    /// <summary>The download's own name for <paramref name="format"/>.</summary>
    public string For(ExportFormat format) => format switch
    {
        ExportFormat.Zip => Zip,
        ExportFormat.Pfx => Pfx,
        _ => PublicZip,
    };

    /// <summary>Names from the certificate name (the subject CN, or the first DNS name when there is no CN).</summary>
    public static ExportFileNames From(string? certificateName)
    {
        var name = (certificateName ?? string.Empty).Trim();
        if (name.StartsWith(WildcardPrefix, StringComparison.Ordinal))
        {
            name = "wildcard." + name[WildcardPrefix.Length..];
        }

        var safe = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.' ? character : '_');
        }

        var baseName = safe.ToString().Trim('.');
        if (baseName.Length > MaxBaseLength)
        {
            baseName = baseName[..MaxBaseLength].TrimEnd('.');
        }

        if (baseName.Length == 0 || baseName.All(c => c == '_'))
        {
            return new ExportFileNames(Fallback);
        }

        // "NUL.example.com" is as reserved as "NUL" on Windows: the part before the first dot counts.
        var stem = baseName.Split('.')[0];
        return new ExportFileNames(WindowsReservedNames.Contains(stem) ? "_" + baseName : baseName);
    }
}
