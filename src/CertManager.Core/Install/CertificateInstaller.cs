using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Csr;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Install;

/// <summary>
/// Installs an examined certificate: writes a new stored version completely, then moves the active pointer onto it
/// in one rename, so the console presents it from the next TLS handshake and the previous version stays for rollback.
/// Uninstall moves the pointer back to the self-signed default, the same one as before.
/// </summary>
public sealed partial class CertificateInstaller(
    CertificateStore store,
    PendingRequestStore pendingRequests,
    ReloadCommandRunner reloadCommands,
    EventRecorder events,
    IOptions<InstallOptions> options,
    TimeProvider timeProvider,
    ILogger<CertificateInstaller> logger)
{
    private const string EventSource = "install";
    private readonly Lock _gate = new();

    public async Task<Result<InstalledCertificate>> InstallAsync(Examination examination, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        if (!examination.CanInstall)
        {
            return Result<InstalledCertificate>.Failure([.. examination.Report.Problems.Where(p => p.Severity == Severity.Error).DefaultIfEmpty(InstallErrors.NotInstallable)]);
        }

        if (examination.Report.HasWarnings && !warningsConfirmed)
        {
            return InstallErrors.WarningsNotConfirmed;
        }

        using var certificateWithKey = PrivateKeys.Attach(examination.Server!, examination.Key!);
        var fingerprint = certificateWithKey.GetCertHashString(HashAlgorithmName.SHA256);
        string version;
        try
        {
            lock (_gate)
            {
                var provenance = new VersionProvenance(actor, timeProvider.GetUtcNow(), examination.Report.ServerCertificate?.Source);
                version = store.WriteInstalledVersion(certificateWithKey, examination.Intermediates, provenance.InstalledAt, provenance);
                store.Activate(version);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Disk full, read-only or not ours: nothing points at a half-written version, the old certificate stays.
            return InstallErrors.NotWritten(store.DataDirectoryRoot, exception.Message);
        }

        // The request generated here is answered: it leaves the pending list, and its key copy goes (the key now lives
        // in the installed version).
        if (examination.PendingRequestId is { } requestId)
        {
            await pendingRequests.MarkUsedAsync(requestId, version, actor, cancellationToken);
        }

        var warnings = examination.Report.Problems.Count(p => p.Severity == Severity.Warning);
        await RecordAfterCommitAsync(
            EventSeverity.Info,
            EventSource,
            $"Certificate '{certificateWithKey.SubjectText()}' installed as version {version}{(warnings > 0 ? $" with {warnings} confirmed warning(s)" : string.Empty)}; presented from the next TLS handshake.",
            actor,
            fingerprint,
            cancellationToken);

        await HandOffAsync(certificateWithKey, examination.Intermediates, actor, fingerprint, cancellationToken);
        return Result<InstalledCertificate>.Success(new InstalledCertificate(version, certificateWithKey.SubjectText(), CertificateDetailsFingerprint(fingerprint)));
    }

    /// <summary>Returns to the self-signed default made on first start; installed versions are kept.</summary>
    public async Task<Result<InstalledCertificate>> UninstallAsync(string actor, CancellationToken cancellationToken = default)
    {
        if (store.ReadActiveVersion() == CertificateStore.DefaultVersion)
        {
            return InstallErrors.NothingToUninstall;
        }

        try
        {
            lock (_gate)
            {
                store.Activate(CertificateStore.DefaultVersion);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return InstallErrors.NotWritten(store.DataDirectoryRoot, exception.Message);
        }

        using var restored = store.LoadOrCreateDefault();
        var fingerprint = restored.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        await RecordAfterCommitAsync(EventSeverity.Info, EventSource, "Third-party certificate uninstalled; the self-signed default certificate is presented again.", actor, fingerprint, cancellationToken);
        await HandOffAsync(restored.Certificate, [.. restored.Intermediates], actor, fingerprint, cancellationToken);
        return Result<InstalledCertificate>.Success(new InstalledCertificate(CertificateStore.DefaultVersion, restored.Certificate.SubjectText(), CertificateDetailsFingerprint(fingerprint)));
    }

    /// <summary>Presents an earlier installed version again (rollback).</summary>
    public async Task<Result<InstalledCertificate>> ActivateVersionAsync(string version, string actor, CancellationToken cancellationToken = default)
    {
        if (!store.ListInstalledVersions().Contains(version, StringComparer.Ordinal))
        {
            return InstallErrors.UnknownVersion(version);
        }

        try
        {
            lock (_gate)
            {
                store.Activate(version);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return InstallErrors.NotWritten(store.DataDirectoryRoot, exception.Message);
        }

        using var active = store.LoadInstalledVersion(version);
        var fingerprint = active.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        await RecordAfterCommitAsync(EventSeverity.Info, EventSource, $"Installed version {version} ('{active.Certificate.SubjectText()}') presented again.", actor, fingerprint, cancellationToken);
        await HandOffAsync(active.Certificate, [.. active.Intermediates], actor, fingerprint, cancellationToken);
        return Result<InstalledCertificate>.Success(new InstalledCertificate(version, active.Certificate.SubjectText(), CertificateDetailsFingerprint(fingerprint)));
    }

    private async Task HandOffAsync(X509Certificate2 certificateWithKey, IReadOnlyList<X509Certificate2> intermediates, string actor, string fingerprint, CancellationToken cancellationToken)
    {
        if (options.Value.DeployDirectory is { Length: > 0 } directory)
        {
            try
            {
                DeployTarget.Write(directory, certificateWithKey, intermediates);
                await RecordAfterCommitAsync(EventSeverity.Info, EventSource, $"Certificate files written to {directory}.", actor, fingerprint, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The console already presents the new certificate; only the hand-off to other services failed.
                await RecordAfterCommitAsync(
                    EventSeverity.Minor,
                    EventSource,
                    $"The certificate is installed, but its files could not be written to {directory}: {exception.Message} Check that the console's account may write there (CertManager:Install:DeployDirectory); other services still use their previous files.",
                    actor,
                    fingerprint,
                    cancellationToken);
            }
        }

        await reloadCommands.RunAllAsync(actor, fingerprint, cancellationToken);
    }

    /// <summary>
    /// Records an event about a change that is already committed (the active pointer moved). A database that stays
    /// locked beyond its busy timeout must not turn a finished install into an error, nor skip the deploy directory
    /// and reload commands that follow: the failure goes to the log, which names the change the event was for.
    /// </summary>
    private async Task RecordAfterCommitAsync(EventSeverity severity, string source, string message, string actor, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            await events.RecordAsync(severity, source, message, actor, fingerprint, cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException)
        {
            LogEventNotRecorded(logger, message, exception.GetBaseException().Message);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Event not recorded, the database refused it ({Reason}); the change itself is done: {Event}")]
    private static partial void LogEventNotRecorded(ILogger logger, string @event, string reason);

    private static string CertificateDetailsFingerprint(string hex) =>
        Details.CertificateDetailsReader.FormatHex(Convert.FromHexString(hex));
}
