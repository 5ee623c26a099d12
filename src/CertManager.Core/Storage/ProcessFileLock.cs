using System.Diagnostics;

namespace CertManager.Core.Storage;

/// <summary>
/// An exclusive lock between processes: a file opened with <see cref="FileShare.None"/>, which .NET turns into
/// <c>flock(LOCK_EX)</c> on Unix. The kernel releases it when the holder exits for any reason, SIGKILL and power loss
/// included, so a dead process never blocks the next one. Every wait is bounded and says what it waits for.
/// </summary>
public sealed class ProcessFileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _stream;

    private ProcessFileLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock on <paramref name="path"/>, waiting at most <paramref name="timeout"/>. <paramref name="waiting"/>
    /// is told once, when the lock is found held, with a sentence naming <paramref name="purpose"/> and the file.
    /// </summary>
    public static async Task<ProcessFileLock> AcquireAsync(string path, string purpose, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        for (var told = false; ; told = true)
        {
            if (TryOpen(path) is { } stream)
            {
                return new ProcessFileLock(stream);
            }

            if (!told)
            {
                waiting?.Invoke(WaitingMessage(path, purpose, timeout));
            }

            if (elapsed.Elapsed >= timeout)
            {
                throw TimedOut(path, purpose, timeout);
            }

            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    /// <summary>The blocking form of <see cref="AcquireAsync"/>, for callers inside a synchronous critical section.</summary>
    public static ProcessFileLock Acquire(string path, string purpose, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                return new ProcessFileLock(stream);
            }

            if (elapsed.Elapsed >= timeout)
            {
                throw TimedOut(path, purpose, timeout);
            }

            Thread.Sleep(RetryInterval);
        }
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream? TryOpen(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
        }
        catch (IOException exception) when (exception is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException) && File.Exists(path))
        {
            // Held by another process (EWOULDBLOCK from flock).
            return null;
        }
    }

    private static string WaitingMessage(string path, string purpose, TimeSpan timeout) =>
        $"Waiting up to {timeout.TotalSeconds:0} s for another CertManager process to finish {purpose} (it holds the lock file {path}).";

    private static TimeoutException TimedOut(string path, string purpose, TimeSpan timeout) =>
        new($"Gave up after {timeout.TotalSeconds:0} s waiting for another CertManager process to finish {purpose}: it still holds the lock file {path}. " +
            $"Find it with `fuser {path}` (a console or certman command on the same data directory) and let it finish or stop it; a stopped process releases the lock at once.");
}
