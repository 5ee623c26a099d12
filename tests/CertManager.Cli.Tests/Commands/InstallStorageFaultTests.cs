using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman install</c> on a disk that refuses the write (full, read-only) while the real console runs: a clean
/// failure that says what to do, and the certificate presented before stays presented. And the system calls of a
/// successful install, traced with strace: every file and folder is flushed before the pointer moves.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class InstallStorageFaultTests : IDisposable
{
    private static readonly string ThisHost = new HostIdentity(configuredHostName: null).FullyQualifiedName;

    private readonly TestPki _pki = new("StorageFault");
    private readonly ScratchFileSystem _disk = new(sizeMegabytes: 48);

    public void Dispose()
    {
        _disk.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Install_DataDirectoryReadOnly_FailsWithProblemAndOldCertificateStays()
    {
        var data = await PrepareAsync();
        await using var console = await ConsoleProcess.StartAsync(data);
        var before = await PresentedAsync(console);
        _disk.MakeReadOnly();
        try
        {
            var (certificate, key) = Issue("second");
            var run = await InstallAsync(data, certificate, key);

            AssertNotWritten(run, "Read-only file system");
            Assert.Equal(before, await PresentedAsync(console));
        }
        finally
        {
            _disk.MakeWritable();
        }
    }

    [Fact]
    public async Task Install_DiskFull_FailsWithProblemLeavesNothingAndOldCertificateStays()
    {
        var data = await PrepareAsync();
        await using var console = await ConsoleProcess.StartAsync(data);
        var before = await PresentedAsync(console);
        var filler = _disk.Fill();
        var (certificate, key) = Issue("second");

        var run = await InstallAsync(data, certificate, key);

        AssertNotWritten(run, "No space left on device");
        Assert.Equal(before, await PresentedAsync(console));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "certificates", "installed"), ".*", SearchOption.AllDirectories));

        File.Delete(filler);
        var retried = await InstallAsync(data, certificate, key);
        Assert.True(retried.ExitCode == 0, retried.ToString());
    }

    [Fact]
    public async Task Install_Traced_FlushesFilesAndFoldersBeforeThePointerMovesAndTheFolderAfter()
    {
        var data = await PrepareAsync();
        var (certificate, key) = Issue("traced");
        var trace = _pki.File("install.strace");

        var run = await RunTracedAsync(trace, "install", "--data-dir", data, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key);

        Assert.True(run == 0, File.ReadAllText(trace)[^Math.Min(4000, File.ReadAllText(trace).Length)..]);
        var calls = SystemCalls.Read(trace);
        var installed = Path.Combine(data, "certificates", "installed");
        var certificates = Path.Combine(data, "certificates");
        var versionRename = calls.FindIndex(c => c.Kind == "rename" && c.Path.StartsWith(installed + "/.", StringComparison.Ordinal) && c.Path.EndsWith(".staging", StringComparison.Ordinal));
        var pointerRename = calls.FindIndex(c => c.Kind == "rename" && c.Target == Path.Combine(certificates, "active"));
        Assert.True(versionRename >= 0 && pointerRename > versionRename, "The version folder must be renamed into place before the pointer.");
        var staging = calls[versionRename].Path;
        foreach (var file in new[] { "private-key.enc", "chain.pem", "certificate.pem" })
        {
            var written = calls.FindIndex(c => c.Kind == "rename" && c.Target == Path.Combine(staging, file));
            Assert.True(written >= 0 && calls.FindIndex(c => c.Kind == "fsync" && c.Path == calls[written].Path) is var flushed && flushed >= 0 && flushed < written, $"{file} must be flushed before it is renamed into place.");
            Assert.Contains(calls[written..versionRename], c => c.Kind == "fsync" && c.Path == staging);
        }

        Assert.Contains(calls[versionRename..pointerRename], c => c.Kind == "fsync" && c.Path == installed);
        Assert.Contains(calls[..pointerRename], c => c.Kind == "fsync" && c.Path == calls[pointerRename].Path);
        Assert.Contains(calls[pointerRename..], c => c.Kind == "fsync" && c.Path == certificates);
    }

    private static void AssertNotWritten(Certman.Outcome run, string reason)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var problem = json.RootElement.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "install.not-written");
        Assert.Contains(reason, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("still presented", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("fix").GetString()));
    }

    /// <summary>A data directory on the scratch disk with a first certificate installed and presented.</summary>
    private async Task<string> PrepareAsync()
    {
        var data = Path.Combine(_disk.Path, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "trusted-roots.pem"), _pki.RootPem);
        var (certificate, key) = Issue("first");
        var run = await InstallAsync(data, certificate, key);
        Assert.True(run.ExitCode == 0, run.ToString());
        return data;
    }

    private (string Certificate, string Key) Issue(string label) =>
        _pki.IssueServer($"{label}.example.test", [$"{label}.example.test", ThisHost, "console.example.test"]);

    private Task<Certman.Outcome> InstallAsync(string data, string certificate, string key) =>
        Certman.RunAsync(_pki.Directory, "install", "--data-dir", data, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--json");

    private static async Task<string> PresentedAsync(ConsoleProcess console) =>
        TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));

    private async Task<int> RunTracedAsync(string trace, params string[] arguments)
    {
        var start = new ProcessStartInfo("strace") { UseShellExecute = false, WorkingDirectory = _pki.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "-qq", "-e", "trace=openat,rename,renameat,renameat2,fsync,fdatasync,close", "-o", trace, "dotnet", RepositoryPaths.CliAssemblyPath }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }

    /// <summary>The renames and flushes in an strace log, in order, with each flushed descriptor resolved to its path.</summary>
    private sealed partial record SystemCalls(string Kind, string Path, string? Target)
    {
        public static List<SystemCalls> Read(string trace)
        {
            var open = new Dictionary<string, string>();
            var calls = new List<SystemCalls>();
            foreach (var line in File.ReadLines(trace))
            {
                if (OpenCall().Match(line) is { Success: true } opened)
                {
                    // certman is one process: its threads share one descriptor table, so the number alone names the file.
                    open[opened.Groups["fd"].Value] = opened.Groups["path"].Value;
                }
                else if (FsyncCall().Match(line) is { Success: true } flushed && open.TryGetValue(flushed.Groups["fd"].Value, out var path))
                {
                    calls.Add(new SystemCalls("fsync", path, null));
                }
                else if (RenameCall().Match(line) is { Success: true } renamed)
                {
                    calls.Add(new SystemCalls("rename", renamed.Groups["from"].Value, renamed.Groups["to"].Value));
                }
            }

            return calls;
        }

        [GeneratedRegex("""openat\(AT_FDCWD, "(?<path>[^"]+)", [^)]*\) = (?<fd>\d+)""")]
        private static partial Regex OpenCall();

        [GeneratedRegex(@"\b(?:fsync|fdatasync)\((?<fd>\d+)\) += 0")]
        private static partial Regex FsyncCall();

        [GeneratedRegex("""\brename(?:at2?)?\((?:AT_FDCWD, )?"(?<from>[^"]+)", (?:AT_FDCWD, )?"(?<to>[^"]+)"[^)]*\) = 0""")]
        private static partial Regex RenameCall();
    }
}
