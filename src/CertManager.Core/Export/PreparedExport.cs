using CertManager.Core.Certificates;
using CertManager.Core.Results;

namespace CertManager.Core.Export;

/// <summary>
/// An export checked and ready to write: the file name and type to announce before the first byte, the certificate it
/// will contain (a snapshot, so a concurrent install cannot change what was described), and warnings to show first.
/// </summary>
public sealed class PreparedExport
{
    internal PreparedExport(ExportRequest request, ServerCertificate certificate, string fileName, string contentType, string subject, string fingerprint, IReadOnlyList<Problem> warnings)
    {
        Request = request;
        Certificate = certificate;
        FileName = fileName;
        ContentType = contentType;
        Subject = subject;
        Fingerprint = fingerprint;
        Warnings = warnings;
    }

    public ExportRequest Request { get; }

    /// <summary>Safe on every OS, e.g. <c>wildcard.example.com.zip</c>.</summary>
    public string FileName { get; }

    public string ContentType { get; }

    public string Subject { get; }

    /// <summary>SHA-256 of the certificate, colon-separated upper-case hex as the tab shows it.</summary>
    public string Fingerprint { get; }

    /// <summary>E.g. that the self-signed default is not trusted by browsers.</summary>
    public IReadOnlyList<Problem> Warnings { get; }

    internal ServerCertificate Certificate { get; }
}
