using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using CertManager.Core.Storage.SharedStore;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Certificates;

/// <summary>
/// The certificate the console presents, read per TLS handshake. It follows the store's <c>active</c> pointer,
/// so an install by this process or by <c>certman</c> in another one takes effect on the next handshake
/// without a restart. On a shared PostgreSQL store another node's install is heard at once (<c>LISTEN/NOTIFY</c>), the
/// poll catching any notification lost with a connection. A pointer that cannot be loaded is logged and the current certificate kept.
/// </summary>
public sealed partial class ServerCertificateProvider : IDisposable
{
    /// <summary>How often the pointer is compared; an install by another process is seen within this time.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly CertificateStore _store;
    private readonly ILogger<ServerCertificateProvider> _logger;
    private readonly ITimer _pollTimer;
    private readonly IDisposable? _listener;
    private readonly Lock _reloadLock = new();
    private ServerCertificate _current;
    private string? _lastFailedVersion;

    public ServerCertificateProvider(CertificateStore store, TimeProvider timeProvider, ILogger<ServerCertificateProvider> logger, IDatabaseEngine? engine = null)
    {
        _store = store;
        _logger = logger;
        _current = store.LoadActive();
        store.ActiveVersionChanged += _ => ReloadIfPointerMoved();
        _pollTimer = timeProvider.CreateTimer(_ => ReloadIfPointerMoved(), null, PollInterval, PollInterval);
        _listener = store.IsShared ? engine?.Listen(SharedCertificateVersions.ActiveChannel, _ => ReloadIfPointerMoved()) : null;
    }

    /// <summary>Raised after the presented certificate changed.</summary>
    public event Action<ServerCertificate>? Changed;

    public ServerCertificate Current => Volatile.Read(ref _current);

    /// <summary>Loads the active version now; called by an install in this process so it need not wait for the poll.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            var loaded = _store.LoadActive();
            // The previous certificate is not disposed: a handshake in flight may still be using it.
            Volatile.Write(ref _current, loaded);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                LogSwitched(_logger, loaded.Version, loaded.Certificate.SubjectText(), loaded.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
            }
        }

        Changed?.Invoke(Current);
    }

    private void ReloadIfPointerMoved()
    {
        string? wanted = null;
        try
        {
            wanted = _store.ReadActiveVersion();
            if (wanted != Current.Version)
            {
                Reload();
                _lastFailedVersion = null;
            }
        }
#pragma warning disable CA1031 // A broken pointer must not stop HTTPS: log it and keep presenting the current certificate.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Retried every poll (the folder may be restored), but logged once per broken pointer value.
            if (wanted != _lastFailedVersion)
            {
                _lastFailedVersion = wanted;
                LogReloadFailed(_logger, exception, Current.Version);
            }
        }
    }

    public void Dispose()
    {
        _pollTimer.Dispose();
        _listener?.Dispose();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Now presenting certificate version {Version}: {Subject} (SHA-256 {Fingerprint})")]
    private static partial void LogSwitched(ILogger logger, string version, string subject, string fingerprint);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "The active certificate pointer changed but could not be loaded; still presenting version {Version}")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string version);
}
