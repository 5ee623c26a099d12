using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Results;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Export;

/// <summary>
/// Exports the certificate the console presents, for the servers behind the proxy: a ZIP of PEM files with or without
/// the private key, or a PKCS#12/PFX file. Everything is written straight to the caller's stream; the unencrypted key
/// exists only in memory, is zeroed after use, and never touches the server's disk. Every export is an audited event.
/// See README.md for the flow.
/// </summary>
public sealed partial class BundleExporter(
    ServerCertificateProvider certificateProvider,
    CertificateDetailsReader detailsReader,
    EventRecorder events,
    TimeProvider timeProvider,
    ILogger<BundleExporter> logger)
{
    public const string EventSource = "export";
    public const string ZipContentType = "application/zip";

    /// <summary>RFC 7292 Appendix D registers application/x-pkcs12 in practice; browsers and Windows know it.</summary>
    public const string PfxContentType = "application/x-pkcs12";

    /// <summary>Checks the request against the presented certificate and fixes what will be written, before any byte is.</summary>
    public Result<PreparedExport> Prepare(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Format == ExportFormat.Pfx)
        {
            if (string.IsNullOrEmpty(request.PfxPassword))
            {
                return ExportErrors.PfxPasswordRequired;
            }

            if (request.PfxPassword.Length < ExportErrors.MinimumPfxPasswordLength)
            {
                return ExportErrors.PfxPasswordTooShort;
            }
        }

        // The provider never disposes a certificate it replaced, so this snapshot stays usable after an install.
        var certificate = certificateProvider.Current;
        var details = detailsReader.Read(certificate.Certificate, certificate.Origin);
        var names = ExportFileNames.From(CertificateName(details));
        IReadOnlyList<Problem> warnings = certificate.Origin == CertificateOrigin.SelfSignedDefault ? [ExportErrors.SelfSignedDefault] : [];
        return Result<PreparedExport>.Success(
            new PreparedExport(
                request,
                certificate,
                names.For(request.Format),
                request.Format == ExportFormat.Pfx ? PfxContentType : ZipContentType,
                certificate.Certificate.SubjectText(),
                details.Sha256Fingerprint,
                warnings),
            warnings);
    }

    /// <summary>
    /// Records who exports what, then writes the export to <paramref name="destination"/> (left open). The event comes
    /// first: once bytes leave, the key may have left, whether or not the client reads to the end.
    /// </summary>
    public async Task WriteAsync(PreparedExport export, Stream destination, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(destination);
        var request = export.Request;
        await events.RecordAsync(
            EventSeverity.Info,
            EventSource,
            $"Certificate '{export.Subject}' exported as {request.DisplayName()} ({(request.IncludesPrivateKey ? "with the private key" : "certificate and chain, no private key")}) to {export.FileName}.",
            actor,
            export.Fingerprint,
            cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogExported(logger, export.Fingerprint, request.Describe(), actor);
        }

        if (request.Format == ExportFormat.Pfx)
        {
            await WritePfxAsync(export, destination, cancellationToken);
        }
        else
        {
            await WriteZipAsync(export, destination, includePrivateKey: request.Format == ExportFormat.Zip, cancellationToken);
        }
    }

    private static async Task WritePfxAsync(PreparedExport export, Stream destination, CancellationToken cancellationToken)
    {
        var certificates = new X509Certificate2Collection(export.Certificate.Certificate);
        certificates.AddRange(export.Certificate.Intermediates);
        var pfx = Pkcs12Profiles.Export(certificates, export.Request.PfxProfile, export.Request.PfxPassword!);
        await destination.WriteAsync(pfx, cancellationToken);
    }

    private async Task WriteZipAsync(PreparedExport export, Stream destination, bool includePrivateKey, CancellationToken cancellationToken)
    {
        var server = export.Certificate;
        var details = detailsReader.Read(server.Certificate, server.Origin);
        var names = ExportFileNames.From(CertificateName(details));
        var now = timeProvider.GetUtcNow();
        var leafPem = server.Certificate.ExportCertificatePem() + "\n";
        var intermediatesPem = string.Concat(server.Intermediates.Select(c => c.ExportCertificatePem() + "\n"));

        // The ZIP is assembled in memory (a few kilobytes) and then written in one asynchronous call: ZipArchive still
        // writes some headers synchronously, which an HTTP response body refuses. Memory, not disk; zeroed afterwards.
        var buffer = new MemoryStream();
        try
        {
            var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await using (zip)
            {
                await AddAsync(zip, names.Certificate, Encoding.ASCII.GetBytes(leafPem), now, cancellationToken);
                if (intermediatesPem.Length > 0)
                {
                    await AddAsync(zip, names.Intermediates, Encoding.ASCII.GetBytes(intermediatesPem), now, cancellationToken);
                }

                await AddAsync(zip, names.FullChain, Encoding.ASCII.GetBytes(leafPem + intermediatesPem), now, cancellationToken);
                if (includePrivateKey)
                {
                    var keyPem = PrivateKeyPem(server.Certificate);
                    try
                    {
                        await AddAsync(zip, names.PrivateKey, keyPem, now, cancellationToken, unixMode: Convert.ToInt32("600", 8));
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(keyPem);
                    }
                }

                var description = BundleDescription.Write(server.Certificate.SubjectText(), server.Certificate.IssuerText(), details, names, server.Intermediates.Count > 0, includePrivateKey, now);
                await AddAsync(zip, names.Description, Encoding.UTF8.GetBytes(description), now, cancellationToken);
            }

            await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.GetBuffer());
            await buffer.DisposeAsync();
        }
    }

    /// <summary>The key as unencrypted PKCS#8 PEM (RFC 5958, "PRIVATE KEY"), which nginx, Apache, HAProxy and openssl read.</summary>
    private static byte[] PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = PrivateKeys.Of(certificate) ?? throw new InvalidOperationException("The presented certificate has no private key.");
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        try
        {
            var bytes = new byte[Encoding.ASCII.GetByteCount(pem) + 1];
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            Array.Clear(pem);
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, DateTimeOffset now, CancellationToken cancellationToken, int unixMode = 0x1A4 /* 0644 */)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = now;
        // Unix permissions in the high 16 bits of the external attributes: unzip then creates the key file as 0600.
        entry.ExternalAttributes = (unixMode | 0x8000 /* regular file */) << 16;
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await stream.WriteAsync(content, cancellationToken);
        }
    }

    /// <summary>The certificate name files are named after: the CN, or the first DNS name when the subject has no CN.</summary>
    private static string? CertificateName(CertificateDetails details) =>
        !string.IsNullOrEmpty(details.CertificateName)
            ? details.CertificateName
            : details.AlternateNames.FirstOrDefault(n => n.Kind == AlternativeNameKind.Dns)?.Value;

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Certificate {Fingerprint} exported as {Format} by {Actor}")]
    private static partial void LogExported(ILogger logger, string fingerprint, string format, string actor);
}
