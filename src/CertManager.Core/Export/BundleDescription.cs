using System.Globalization;
using System.Text;
using CertManager.Core.Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Export;

/// <summary>The short text file in a ZIP that says what each file is and which certificate it holds.</summary>
internal static class BundleDescription
{
    public static string Write(string subject, string issuer, CertificateDetails details, ExportFileNames names, bool hasIntermediates, bool includesPrivateKey, DateTimeOffset exportedAt)
    {
        var text = new StringBuilder();
        text.Append("Web server certificate exported by CertManager on ").Append(exportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append('\n');
        text.Append("Subject:     ").Append(subject).Append('\n');
        text.Append("SANs:        ").Append(details.AlternateNames.Count == 0 ? "(none)" : string.Join(", ", details.AlternateNames.Select(n => n.ToString()))).Append('\n');
        text.Append("Issuer:      ").Append(issuer).Append('\n');
        text.Append("Expires:     ").Append(details.Expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("SHA-256:     ").Append(details.Sha256Fingerprint).Append('\n');
        if (details.Origin == CertificateOrigin.SelfSignedDefault)
        {
            text.Append('\n').Append("WARNING: this is the console's self-signed default certificate; browsers do not trust it.").Append('\n');
        }

        text.Append('\n').Append("Files:").Append('\n');
        text.Append("  ").Append(names.Certificate).Append("  the server certificate (PEM)").Append('\n');
        if (hasIntermediates)
        {
            text.Append("  ").Append(names.Intermediates).Append("  the intermediate CA certificate(s) (PEM)").Append('\n');
        }

        text.Append("  ").Append(names.FullChain).Append("  the server certificate followed by the intermediates (PEM), e.g. for nginx ssl_certificate").Append('\n');
        if (includesPrivateKey)
        {
            text.Append("  ").Append(names.PrivateKey).Append("  the private key (unencrypted PKCS#8 PEM): keep it secret, readable by the web server only").Append('\n');
        }

        text.Append("  ").Append(names.Description).Append("  this file").Append('\n');
        text.Append('\n');
        text.Append(includesPrivateKey
            ? "To install on another CertManager: Upload and install, with the certificate, the intermediates and the key."
            : "This bundle holds no private key: it cannot be installed on a server by itself.").Append('\n');
        return text.ToString();
    }
}
