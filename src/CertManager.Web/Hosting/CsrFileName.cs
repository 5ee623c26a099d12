using CertManager.Core.Details;
using CertManager.Core.Export;

namespace CertManager.Web.Hosting;

/// <summary>
/// The file name a downloaded CSR is saved under, from its common name: <c>server.example.com.csr</c>, and for a
/// wildcard <c>*.example.com</c> the name <c>wildcard.example.com.csr</c> ('*' is not allowed in Windows file names).
/// </summary>
internal static class CsrFileName
{
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

    /// <summary>The same OS-safe name the certificate's export files get, with <c>.csr</c>.</summary>
    public static string FromCommonName(string commonName)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        return ExportFileNames.From(commonName).BaseName + ".csr";
    }
}
