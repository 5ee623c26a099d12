using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Storage.SharedStore;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Storage;

/// <summary>
/// Keeps the certificates on disk: the self-signed default (made once, never regenerated silently) and
/// installed versions, each a folder written completely before the <c>active</c> pointer is renamed onto it.
/// Private keys are stored only encrypted (<see cref="KeyProtector"/>). When nodes share a PostgreSQL store, the versions
/// and the pointer are rows instead (<see cref="SharedCertificateVersions"/>), written whole in one statement each.
/// </summary>
public sealed partial class CertificateStore(
    DataDirectory dataDirectory,
    KeyProtector keyProtector,
    SelfSignedCertificateFactory selfSignedFactory,
    HostIdentity hostIdentity,
    ILogger<CertificateStore> logger,
    SharedCertificateVersions? shared = null,
    TimeProvider? timeProvider = null)
{
    public const string DefaultVersion = "default";
    private const string CertificateFileName = "certificate.pem";
    private const string ChainFileName = "chain.pem";
    private const string KeyFileName = "private-key.enc";
    private const string ProvenanceFileName = "installed.json";
    internal const string KeyPurpose = "server-certificate-private-key";

    private static readonly TimeSpan CreationLockTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _createDefaultLock = new();

    /// <summary>Raised in this process after <see cref="Activate"/> moved the pointer; other processes see it by polling.</summary>
    public event Action<string>? ActiveVersionChanged;

    /// <summary>The data directory the versions live in, for messages.</summary>
    public string DataDirectoryRoot => dataDirectory.Root;

    /// <summary>The version the <c>active</c> pointer names; the default when nothing was installed.</summary>
    public string ReadActiveVersion()
    {
        if (Shared is { } rows)
        {
            return rows.ReadActive() ?? DefaultVersion;
        }

        var pointer = dataDirectory.ActivePointerFile;
        if (!File.Exists(pointer))
        {
            return DefaultVersion;
        }

        var version = File.ReadAllText(pointer).Trim();
        return version.Length == 0 ? DefaultVersion : version;
    }

    /// <summary>Loads the certificate the console must present now.</summary>
    public ServerCertificate LoadActive()
    {
        var version = ReadActiveVersion();
        return version == DefaultVersion ? LoadOrCreateDefault() : LoadVersion(version);
    }

    /// <summary>Loads the self-signed default, making it on first start only.</summary>
    public ServerCertificate LoadOrCreateDefault()
    {
        if (Shared is { } rows)
        {
            return LoadOrCreateSharedDefault(rows);
        }

        var directory = dataDirectory.DefaultCertificateDirectory;
        lock (_createDefaultLock)
        {
            var certificatePath = Path.Combine(directory, CertificateFileName);
            var keyPath = Path.Combine(directory, KeyFileName);
            if (!File.Exists(certificatePath) || !File.Exists(keyPath))
            {
                // The console and certman may start on a new data directory together: the first to hold the lock
                // makes the default (key first, certificate last), the other waits and finds it made. A certificate
                // without its key is damaged, and Load says so rather than silently making a new one.
                dataDirectory.EnsureCreated();
                using var crossProcess = ProcessFileLock.Acquire(
                    Path.Combine(dataDirectory.CertificatesDirectory, ".default.lock"), "making the self-signed default certificate", CreationLockTimeout);
                // The marker lives while the default is written: a key without its certificate next to it is a creation
                // that was killed before it finished, whose key nothing ever presented, so it is made again.
                var creationMarker = Path.Combine(directory, ".creating");
                if (!File.Exists(certificatePath) && (!File.Exists(keyPath) || File.Exists(creationMarker)))
                {
                    SecureFile.WriteAllBytesAtomically(creationMarker, []);
                    using var created = selfSignedFactory.Create(hostIdentity);
                    WriteVersion(directory, created, []);
                    File.Delete(creationMarker);
                    DirectorySync.Flush(directory);
                    LogDefaultCreated(logger, created.SubjectText(), created.GetCertHashString(HashAlgorithmName.SHA256));
                }
            }
        }

        return Load(directory, CertificateOrigin.SelfSignedDefault, DefaultVersion);
    }

    /// <summary>
    /// Writes a certificate, its chain and its encrypted key as a new installed version. The version folder is complete
    /// before anything points at it; the presented certificate does not change until <see cref="Activate"/>.
    /// </summary>
    public string WriteInstalledVersion(X509Certificate2 certificateWithKey, IReadOnlyList<X509Certificate2> intermediates, DateTimeOffset now, VersionProvenance? provenance = null)
    {
        var fingerprint = certificateWithKey.GetCertHashString(HashAlgorithmName.SHA256);
        var baseName = $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{fingerprint[..12].ToLowerInvariant()}";
        var version = baseName;
        if (Shared is { } rows)
        {
            return WriteSharedVersion(rows, baseName, certificateWithKey, intermediates, now, provenance);
        }

        for (var attempt = 2; Directory.Exists(Path.Combine(dataDirectory.InstalledCertificatesDirectory, version)); attempt++)
        {
            version = $"{baseName}-{attempt}";
        }

        dataDirectory.EnsureCreated();
        var staging = StagingFiles.DirectoryFor(dataDirectory.InstalledCertificatesDirectory, version);
        try
        {
            // Each file is flushed to disk and its folder after it; the rename is flushed before the pointer can name it.
            WriteVersion(staging, certificateWithKey, intermediates);
            if (provenance is not null)
            {
                SecureFile.WriteAllTextAtomically(Path.Combine(staging, ProvenanceFileName), JsonSerializer.Serialize(provenance));
            }

            for (var attempt = 2; ; attempt++)
            {
                try
                {
                    Directory.Move(staging, Path.Combine(dataDirectory.InstalledCertificatesDirectory, version));
                    break;
                }
                catch (IOException) when (attempt < 100 && Directory.Exists(Path.Combine(dataDirectory.InstalledCertificatesDirectory, version)))
                {
                    // Another process (the console, or a second certman) installed the same certificate in the same
                    // second and took the name between the check above and this rename: the next free name is ours.
                    version = $"{baseName}-{attempt}";
                }
            }

            DirectorySync.Flush(dataDirectory.InstalledCertificatesDirectory);
        }
        catch
        {
            // A half-written version must not stay behind (it may hold an encrypted key without its certificate).
            try
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // A read-only directory keeps it; StagingFiles removes it on a later start. The write error is what matters.
            }

            throw;
        }

        return version;
    }

    /// <summary>Makes <paramref name="version"/> (or <see cref="DefaultVersion"/>) the presented certificate by renaming the pointer atomically.</summary>
    public void Activate(string version)
    {
        // Load it first: a version that cannot be loaded must never become active.
        using (version == DefaultVersion ? LoadOrCreateDefault() : LoadVersion(version))
        {
        }

        if (Shared is { } rows)
        {
            rows.WriteActive(version, (timeProvider ?? TimeProvider.System).GetUtcNow());
        }
        else
        {
            SecureFile.WriteAllTextAtomically(dataDirectory.ActivePointerFile, version + "\n");
        }

        ActiveVersionChanged?.Invoke(version);
    }

    /// <summary>The installed versions, newest first, for rollback.</summary>
    public IReadOnlyList<string> ListInstalledVersions() =>
        Shared is { } rows ? rows.ListInstalled(DefaultVersion) :
        Directory.Exists(dataDirectory.InstalledCertificatesDirectory)
            ? Directory.GetDirectories(dataDirectory.InstalledCertificatesDirectory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => !name.StartsWith('.'))
                .OrderDescending(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Who installed <paramref name="version"/> and when; null for the default and for versions stored without it.</summary>
    public VersionProvenance? ReadProvenance(string version)
    {
        if (version == DefaultVersion || !IsVersionName(version))
        {
            return null;
        }

        var path = Path.Combine(dataDirectory.InstalledCertificatesDirectory, version, ProvenanceFileName);
        try
        {
            if (Shared is { } rows)
            {
                return rows.Read(version)?.Provenance is { } json ? JsonSerializer.Deserialize<VersionProvenance>(json) : null;
            }

            return File.Exists(path) ? JsonSerializer.Deserialize<VersionProvenance>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            // A damaged record of who installed it must not hide the certificate itself.
            return null;
        }
    }

    /// <summary>
    /// The certificate and intermediates of an installed version without touching its key, to list versions; the
    /// caller disposes them.
    /// </summary>
    public (X509Certificate2 Certificate, X509Certificate2Collection Intermediates) ReadVersionCertificates(string version)
    {
        if (!IsVersionName(version) || version == DefaultVersion)
        {
            throw new ArgumentException($"'{version}' is not an installed version.", nameof(version));
        }

        if (Shared is { } rows)
        {
            var row = rows.Read(version) ?? throw new ArgumentException($"'{version}' is not an installed version.", nameof(version));
            return (X509Certificate2.CreateFromPem(row.CertificatePem), ReadChainPem(row.ChainPem));
        }

        var directory = Path.Combine(dataDirectory.InstalledCertificatesDirectory, version);
        return (X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, CertificateFileName))), ReadChain(Path.Combine(directory, ChainFileName)));
    }

    /// <summary>Loads one installed version, e.g. to show it before a rollback.</summary>
    public ServerCertificate LoadInstalledVersion(string version) => LoadVersion(version);

    private ServerCertificate LoadVersion(string version)
    {
        if (!IsVersionName(version))
        {
            throw new InvalidDataException($"The active pointer '{dataDirectory.ActivePointerFile}' names '{version}', which is not a version folder. Restore it from backup or write 'default' into it.");
        }

        if (Shared is { } rows)
        {
            return LoadShared(rows.Read(version) ?? throw new InvalidDataException($"The active certificate names version '{version}', which is not in the database. Activate another version with certman."), CertificateOrigin.ThirdParty);
        }

        return Load(Path.Combine(dataDirectory.InstalledCertificatesDirectory, version), CertificateOrigin.ThirdParty, version);
    }

    private static bool IsVersionName(string version) =>
        !version.Contains('/', StringComparison.Ordinal) && !version.Contains('\\', StringComparison.Ordinal) && !version.StartsWith('.');

    private ServerCertificate Load(string directory, CertificateOrigin origin, string version)
    {
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            throw new InvalidDataException($"The certificate folder '{directory}' is incomplete: it needs {CertificateFileName} and {KeyFileName}. Restore the data directory from backup.");
        }

        return Assemble(File.ReadAllText(certificatePath), File.ReadAllBytes(keyPath), ReadChain(Path.Combine(directory, ChainFileName)), origin, version);
    }

    private ServerCertificate Assemble(string certificatePem, byte[] encryptedKey, X509Certificate2Collection chain, CertificateOrigin origin, string version)
    {
        using var publicOnly = X509Certificate2.CreateFromPem(certificatePem);
        var pkcs8 = keyProtector.Unprotect(encryptedKey, KeyPurpose);
        try
        {
            using var key = PrivateKeys.FromPkcs8(pkcs8);
            var withKey = PrivateKeys.Attach(publicOnly, key);
            return new ServerCertificate(withKey, chain, origin, version);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static X509Certificate2Collection ReadChain(string chainPath)
    {
        var chain = new X509Certificate2Collection();
        if (File.Exists(chainPath))
        {
            chain.ImportFromPemFile(chainPath);
        }

        return chain;
    }

    private void WriteVersion(string directory, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        SecureFile.CreatePrivateDirectory(directory);
        using var key = PrivateKeys.Of(certificate)
            ?? throw new ArgumentException("Only certificates with their RSA or ECDSA private key can be stored.", nameof(certificate));
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            // The key goes first and the certificate last: a folder with a certificate always has its key.
            SecureFile.WriteAllBytesAtomically(Path.Combine(directory, KeyFileName), keyProtector.Protect(pkcs8, KeyPurpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        var chainPem = string.Concat(intermediates.Select(c => c.ExportCertificatePem() + "\n"));
        if (chainPem.Length > 0)
        {
            SecureFile.WriteAllTextAtomically(Path.Combine(directory, ChainFileName), chainPem);
        }

        SecureFile.WriteAllTextAtomically(Path.Combine(directory, CertificateFileName), certificate.ExportCertificatePem() + "\n");
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Created the self-signed default certificate {Subject} (SHA-256 {Fingerprint}); browsers will warn until a trusted certificate is installed")]
    private static partial void LogDefaultCreated(ILogger logger, string subject, string fingerprint);
}
