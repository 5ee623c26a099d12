namespace CertManager.Core.Storage;

/// <summary>
/// File writes that are private to the service account and atomic: a reader sees the old content or the
/// new content, never a mix. Files are created with mode 0600 from the first byte, not chmod-ed afterwards.
/// Durable too: the file is flushed to disk (fsync) before it is renamed into place and the directory is flushed after,
/// so after power loss the name refers to the complete old or the complete new content.
/// </summary>
public static class SecureFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var existed = Directory.Exists(path);
        Directory.CreateDirectory(path, OwnerAll);
        // An existing directory keeps its mode from CreateDirectory; tighten it anyway (only if needed: a read-only
        // file system refuses even a chmod that changes nothing, and reading must still work there).
        if (File.GetUnixFileMode(path) != OwnerAll)
        {
            File.SetUnixFileMode(path, OwnerAll);
        }
        if (!existed)
        {
            DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar))!);
        }
    }

    /// <summary>Writes <paramref name="content"/> to a sibling file, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAllBytesAtomically(string path, ReadOnlySpan<byte> content) =>
        PublishAtomically(path, content, overwrite: true);

    /// <summary>
    /// Creates <paramref name="path"/> with mode 0600 and writes <paramref name="content"/>; never replaces an
    /// existing file (<see cref="FileMode.CreateNew"/> decides that atomically, an <see cref="IOException"/> says so).
    /// A file left half-written by a failed write is removed.
    /// </summary>
    public static void WriteNewPrivateFile(string path, ReadOnlySpan<byte> content)
    {
        // Throws before anything is created when the file exists: there is nothing of ours to clean up then.
        using var stream = new FileStream(path, PrivateCreateOptions());
        try
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="content"/> complete from the first moment it exists, unless the
    /// file already exists; returns whether this call created it.
    /// </summary>
    public static bool TryCreateAtomically(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            // Without overwrite .NET links the new name rather than renaming onto it, which fails if the file exists:
            // the first writer wins, and nobody ever sees a partly written file.
            PublishAtomically(path, content, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Writes a private sibling file, flushes it to disk, then moves it to <paramref name="path"/>.</summary>
    private static void PublishAtomically(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Named after this process, so that what a killed writer leaves is recognised and removed (StagingFiles).
        var staging = StagingFiles.FileFor(path);
        try
        {
            using (var stream = new FileStream(staging, PrivateCreateOptions()))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(staging, path, overwrite);
            DirectorySync.Flush(directory);
        }
        finally
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
    }

    public static void WriteAllTextAtomically(string path, string content) =>
        WriteAllBytesAtomically(path, System.Text.Encoding.UTF8.GetBytes(content));

    private static FileStreamOptions PrivateCreateOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }
}
