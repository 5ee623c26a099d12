using System.Diagnostics;
using System.Runtime.Versioning;

namespace CertManager.Testing;

/// <summary>
/// A small file system of its own for a data directory: a size-limited tmpfs (as root, which CI is) that can be filled
/// to the last byte or remounted read-only, as a full or read-only disk. Without root, read-only falls back to taking
/// the write bits away (mode 0500), which binds a non-root process; a full disk needs root and says so.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ScratchFileSystem : IDisposable
{
    private readonly TempDirectory _mountPoint = new("certmanager-scratch");
    private readonly bool _mounted;
    private bool _readOnlyLayer;

    public ScratchFileSystem(int sizeMegabytes = 64)
    {
        if (IsRoot)
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={sizeMegabytes}m,mode=0700", "tmpfs", _mountPoint.Path);
            _mounted = true;
        }
    }

    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    public string Path => _mountPoint.Path;

    /// <summary>Makes the whole file system read-only under the running processes.</summary>
    public void MakeReadOnly()
    {
        if (_mounted)
        {
            // A read-only bind mount over itself: a plain remount is refused while the console holds files open for
            // writing, and those keep working, as they would on a disk that failed into read-only under a running service.
            Run("mount", "--bind", Path, Path);
            Run("mount", "-o", "remount,bind,ro", Path);
            _readOnlyLayer = true;
            return;
        }

        foreach (var directory in Directory.GetDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    public void MakeWritable()
    {
        if (_mounted)
        {
            if (_readOnlyLayer)
            {
                Run("umount", Path);
                _readOnlyLayer = false;
            }

            return;
        }

        foreach (var directory in Directory.GetDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Writes a filler file until the file system is full; returns it, so that deleting it frees the space.</summary>
    public string Fill()
    {
        if (!_mounted)
        {
            throw new InvalidOperationException("A full disk is played by a size-limited tmpfs, which only root may mount; run the tests as root (CI does).");
        }

        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[1 << 20];
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write);
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC in megabyte steps; the last few kilobytes go next.
        }

        try
        {
            while (true)
            {
                stream.Write(block, 0, 4096);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }

        return filler;
    }

    public void Dispose()
    {
        if (_mounted)
        {
            MakeWritable();
            _ = Process.Start(new ProcessStartInfo("umount", ["-l", Path]) { UseShellExecute = false })?.WaitForExit(10_000);
        }
        else
        {
            MakeWritable();
        }

        _mountPoint.Dispose();
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
