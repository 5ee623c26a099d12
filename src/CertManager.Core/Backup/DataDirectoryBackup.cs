using System.Formats.Tar;
using System.Security.Cryptography;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CertManager.Core.Backup;

/// <summary>
/// An online backup of a data directory while the console runs: the database through SQLite's backup API (a consistent
/// snapshot, whatever the console writes meanwhile), the master key, the certificate versions with the active pointer,
/// the default certificate, the trust store and the data-protection keys, in one archive sealed with a passphrase
/// (<see cref="BackupArchive"/>). The pointer is read before the versions are listed: versions are never deleted, so the
/// version it names is always in the archive. Logs and lock files are not backed up.
/// </summary>
public sealed class DataDirectoryBackup(DataDirectory dataDirectory)
{
    public const string DatabaseEntry = "certmanager.db";

    public Result<BackupSummary> Write(string outputPath, string passphrase)
    {
        if (passphrase.Length < BackupErrors.MinimumPassphraseLength)
        {
            return BackupErrors.PassphraseTooShort;
        }

        if (!File.Exists(dataDirectory.DatabaseFile))
        {
            return BackupErrors.DataDirectoryMissing(dataDirectory.Root);
        }

        if (File.Exists(outputPath))
        {
            return BackupErrors.OutputExists(outputPath);
        }

        var activeVersion = File.Exists(dataDirectory.ActivePointerFile) ? File.ReadAllText(dataDirectory.ActivePointerFile).Trim() : CertificateStore.DefaultVersion;
        byte[] tar;
        int files;
        using (var buffer = new MemoryStream())
        {
            using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(Entry(DatabaseEntry, SnapshotDatabase()));
                files = 1;
                foreach (var (path, name) in FilesToCopy())
                {
                    writer.WriteEntry(Entry(name, File.ReadAllBytes(path)));
                    files++;
                }
            }

            tar = buffer.ToArray();
        }

        try
        {
            var sealedArchive = BackupArchive.Seal(tar, passphrase);
            SecureFile.WriteNewPrivateFile(outputPath, sealedArchive);
            return Result<BackupSummary>.Success(new BackupSummary(Path.GetFullPath(outputPath), activeVersion, files, sealedArchive.LongLength));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return BackupErrors.NotWritten(outputPath, exception.Message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tar);
        }
    }

    /// <summary>SQLite's online backup into a staging file of this process (removed by <see cref="StagingFiles"/> if killed), read back and deleted.</summary>
    private byte[] SnapshotDatabase()
    {
        var staging = StagingFiles.FileFor(dataDirectory.DatabaseFile + "-backup");
        try
        {
            using (var source = new SqliteConnection($"Data Source={dataDirectory.DatabaseFile};Mode=ReadOnly;Pooling=False"))
            using (var destination = new SqliteConnection($"Data Source={staging};Pooling=False"))
            {
                source.Open();
                destination.Open();
                source.BackupDatabase(destination);
            }

            return File.ReadAllBytes(staging);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    private IEnumerable<(string Path, string Name)> FilesToCopy()
    {
        // The master key exists once any key was stored; a directory that never stored one has none to back up.
        foreach (var optional in new[] { dataDirectory.MasterKeyFile, dataDirectory.TrustedRootsFile, dataDirectory.ActivePointerFile })
        {
            if (File.Exists(optional))
            {
                // A master key kept outside the directory (CertManager:MasterKeyFile) is archived under its usual name.
                yield return (optional, optional == dataDirectory.MasterKeyFile ? "master.key" : Path.GetRelativePath(dataDirectory.Root, optional));
            }
        }

        var folders = new List<string> { dataDirectory.DefaultCertificateDirectory, dataDirectory.DataProtectionDirectory };
        if (Directory.Exists(dataDirectory.InstalledCertificatesDirectory))
        {
            folders.AddRange(Directory.GetDirectories(dataDirectory.InstalledCertificatesDirectory).Where(d => !Path.GetFileName(d).StartsWith('.')));
        }

        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                yield return (file, Path.GetRelativePath(dataDirectory.Root, file).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
    }

    private static PaxTarEntry Entry(string name, byte[] content) => new(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(content, writable: false),
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
    };
}
