using System.Text;
using CertManager.Core.Details;

namespace CertManager.Web.Hosting;

/// <summary>
/// The file name a downloaded CSR is saved under, from its common name: <c>server.example.com.csr</c>, and for a
/// wildcard <c>*.example.com</c> the name <c>wildcard.example.com.csr</c> ('*' is not allowed in Windows file names).
/// </summary>
internal static class CsrFileName
{
    private const string WildcardPrefix = "*.";

    /// <summary>
    /// The common name is always the request's first DNS alternate name (see Core's Csr/README.md), so the summary's
    /// names are enough; no need to parse the subject string.
    /// </summary>
    public static string For(long pendingRequestId, IReadOnlyList<SubjectAlternativeName> alternateNames)
    {
        ArgumentNullException.ThrowIfNull(alternateNames);
        var commonName = alternateNames.FirstOrDefault(name => name.Kind == AlternativeNameKind.Dns)?.Value;
        return string.IsNullOrEmpty(commonName)
            ? $"request-{pendingRequestId}.csr"
            : FromCommonName(commonName);
    }

    public static string FromCommonName(string commonName)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        var name = commonName.StartsWith(WildcardPrefix, StringComparison.Ordinal)
            ? "wildcard." + commonName[WildcardPrefix.Length..]
            : commonName;

        // Validated names are already letters, digits, hyphens and dots; anything else is replaced defensively.
        var safe = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '.' ? character : '_');
        }

        return safe.Append(".csr").ToString();
    }
}
