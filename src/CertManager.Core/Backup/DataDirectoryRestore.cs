using System.Formats.Tar;
using System.Security.Cryptography;
using CertManager.Core.Results;
using CertManager.Core.Storage;

namespace CertManager.Core.Backup;

/// <summary>
/// Restores a backup into a new or empty data directory, never over an existing one: the archive is decrypted and
/// checked, unpacked into a staging folder beside the target (folders 0700, files 0600, each flushed to disk), and the
/// staging folder is renamed onto the target in one step, so the target holds a whole data directory or nothing.
/// </summary>
public static class DataDirectoryRestore
{
    public static Result<BackupSummary> Restore(string archivePath, string passphrase, string targetDirectory)
    {
        var target = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() || File.Exists(target))
        {
            return BackupErrors.TargetNotEmpty(target);
        }

        var archive = File.ReadAllBytes(archivePath);
        if (!BackupArchive.HasHeader(archive))
        {
            return BackupErrors.NotABackup(archivePath);
        }

        var tar = BackupArchive.Open(archive, passphrase);
        if (tar is null)
        {
            return BackupErrors.WrongPassphrase;
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = StagingFiles.DirectoryFor(parent, Path.GetFileName(target));
        try
        {
            var files = Unpack(tar, staging);
            if (!File.Exists(Path.Combine(staging, DataDirectoryBackup.DatabaseEntry)))
            {
                Directory.Delete(staging, recursive: true);
                return BackupErrors.Damaged(archivePath, "it holds no database");
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            DirectorySync.Flush(parent);
            var pointer = new DataDirectory(target).ActivePointerFile;
            var active = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : CertificateStore.DefaultVersion;
            return Result<BackupSummary>.Success(new BackupSummary(target, active, files, archive.LongLength));
        }
        catch (InvalidDataException exception)
        {
            Directory.Delete(staging, recursive: true);
            return BackupErrors.Damaged(archivePath, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            return BackupErrors.NotWritten(target, exception.Message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tar);
        }
    }

    private static int Unpack(byte[] tar, string staging)
    {
        SecureFile.CreatePrivateDirectory(staging);
        var files = 0;
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            var relative = entry.Name;
            // Only plain relative names of regular files: nothing in an archive may point outside the new directory.
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || Path.IsPathRooted(relative)
                || relative.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new InvalidDataException($"it holds an entry '{relative}' that is not a plain file inside the data directory");
            }

            var path = Path.Combine(staging, relative);
            var folder = staging;
            foreach (var part in relative.Split('/')[..^1])
            {
                folder = Path.Combine(folder, part);
                SecureFile.CreatePrivateDirectory(folder);
            }

            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            SecureFile.WriteNewPrivateFile(path, content.GetBuffer().AsSpan(0, (int)content.Length));
            CryptographicOperations.ZeroMemory(content.GetBuffer());
            files++;
        }

        return files;
    }
}
