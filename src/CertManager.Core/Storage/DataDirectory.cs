namespace CertManager.Core.Storage;

/// <summary>
/// The layout of the data directory. Every path the console writes is named here, so that the
/// operations guide (docs/operations.md) and the code cannot disagree.
/// </summary>
public sealed class DataDirectory
{
    private readonly string? _masterKeyFile;

    /// <param name="root">The data directory.</param>
    /// <param name="masterKeyFile">A master key kept elsewhere (<c>CertManager:MasterKeyFile</c>); null for <c>master.key</c> in the directory.</param>
    public DataDirectory(string root, string? masterKeyFile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _masterKeyFile = string.IsNullOrWhiteSpace(masterKeyFile) ? null : Path.GetFullPath(masterKeyFile);
    }

    public string Root { get; }

    public string DatabaseFile => Path.Combine(Root, "certmanager.db");

    /// <summary>The AES-256 key that encrypts every private key at rest (mode 0600).</summary>
    public string MasterKeyFile => _masterKeyFile ?? Path.Combine(Root, "master.key");

    /// <summary>True when the master key is a file the operator provides (never created by the console).</summary>
    public bool MasterKeyProvided => _masterKeyFile is not null;

    public string CertificatesDirectory => Path.Combine(Root, "certificates");

    public string DefaultCertificateDirectory => Path.Combine(CertificatesDirectory, "default");

    public string InstalledCertificatesDirectory => Path.Combine(CertificatesDirectory, "installed");

    /// <summary>Names the certificate the console presents; replaced atomically by rename.</summary>
    public string ActivePointerFile => Path.Combine(CertificatesDirectory, "active");

    /// <summary>Held (flock) while a process migrates the database; the kernel releases it when that process ends.</summary>
    public string MigrationLockFile => Path.Combine(Root, ".migrations.lock");

    public string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>Root certificates an administrator added to the console's trust store (enterprise CAs).</summary>
    public string TrustedRootsFile => Path.Combine(Root, "trusted-roots.pem");

    /// <summary>ASP.NET Core data-protection keys (sign-in cookies, antiforgery), encrypted with the master key.</summary>
    public string DataProtectionDirectory => Path.Combine(Root, "data-protection");

    /// <summary>Creates the directories with owner-only access. Safe to call on every start.</summary>
    public void EnsureCreated()
    {
        foreach (var directory in new[] { Root, CertificatesDirectory, DefaultCertificateDirectory, InstalledCertificatesDirectory, LogsDirectory, DataProtectionDirectory })
        {
            SecureFile.CreatePrivateDirectory(directory);
        }
    }
}
