using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CertManager.Core.Storage;

/// <summary>
/// Names of the files and folders written before they are renamed into place, and their removal once the process that
/// wrote them is gone. The writer's process id is part of the name, so a sweep never touches a live writer's work:
/// <c>.NAME.PID.GUID.new</c> for files (<see cref="SecureFile"/>), <c>.VERSION.PID.staging</c> for certificate versions.
/// </summary>
public static partial class StagingFiles
{
    public static string FileFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.new");

    public static string DirectoryFor(string parent, string name) =>
        Path.Combine(parent, $".{name}.{Environment.ProcessId}.staging");

    /// <summary>Removes what a killed writer left in the data directory's folders; returns the paths removed.</summary>
    public static IReadOnlyList<string> RemoveAbandoned(DataDirectory dataDirectory)
    {
        var folders = new List<string> { dataDirectory.Root, dataDirectory.CertificatesDirectory, dataDirectory.DefaultCertificateDirectory, dataDirectory.InstalledCertificatesDirectory };
        if (Directory.Exists(dataDirectory.InstalledCertificatesDirectory))
        {
            folders.AddRange(Directory.GetDirectories(dataDirectory.InstalledCertificatesDirectory));
        }

        var removed = new List<string>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
            {
                if (WriterOf(Path.GetFileName(entry)) is { } pid && !IsRunning(pid) && TryRemove(entry))
                {
                    removed.Add(entry);
                }
            }
        }

        return removed;
    }

    /// <summary>The process that writes (or wrote) the staging file or folder <paramref name="name"/>; null for any other name.</summary>
    public static int? WriterOf(string name)
    {
        var match = StagingName().Match(name);
        return match.Success ? int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture) : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryRemove(string entry)
    {
        try
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk: the leftover stays until the next start, and harms nothing meanwhile.
            return false;
        }
    }

    // A staging file that SQLite writes (the backup's snapshot) has SQLite's own side files next to it: "-journal", "-wal", "-shm".
    [GeneratedRegex(@"^\..+\.(?<pid>[0-9]{1,10})\.(?:[0-9a-f]{32}\.new(?:-journal|-wal|-shm)?|staging)$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingName();
}
