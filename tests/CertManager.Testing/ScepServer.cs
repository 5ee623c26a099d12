using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Testing;

/// <summary>
/// Debian's micromdm scepserver (package <c>scep</c>) as a real SCEP peer: a fresh CA in its own depot, started on a
/// free port. scepserver has no listen-address flag: it binds every interface on that port, so tests use a random
/// port and only ever talk to 127.0.0.1. Disposing stops it and removes the depot.
/// </summary>
public sealed class ScepServer : IDisposable
{
    public const string Executable = "/usr/bin/scepserver";

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly ConcurrentQueue<string> _output;

    private ScepServer(Process process, TempDirectory directory, ConcurrentQueue<string> output, int port, string challenge)
    {
        _process = process;
        _directory = directory;
        _output = output;
        Port = port;
        Challenge = challenge;
    }

    public int Port { get; }

    public string Challenge { get; }

    /// <summary>The SCEP URL (scepserver serves <c>/scep</c>).</summary>
    public string Url => $"http://127.0.0.1:{Port}/scep";

    public string CaCertificatePath => Path.Combine(_directory.Path, "depot", "ca.pem");

    public X509Certificate2 CaCertificate => X509CertificateLoader.LoadCertificateFromFile(CaCertificatePath);

    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts scepserver. With <paramref name="rejectAll"/> it gets a <c>-csrverifierexec</c> script that exits 1, so
    /// every request is refused by the server's policy, whatever the challenge.
    /// </summary>
    public static ScepServer Start(string challenge = "scep-challenge-1", bool rejectAll = false)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install the Debian package 'scep'.");
        }

        var directory = new TempDirectory("scepserver");
        var depot = Path.Combine(directory.Path, "depot");
        Run(directory.Path, "ca", "-init", "-depot", depot, "-keySize", "2048");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-depot", depot, "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-challenge", challenge, "-allowrenew", "0", "-debug" })
        {
            start.ArgumentList.Add(argument);
        }

        if (rejectAll)
        {
            var script = Path.Combine(directory.Path, "reject.sh");
            File.WriteAllText(script, "#!/bin/sh\ncat > /dev/null\necho 'rejected by test policy' >&2\nexit 1\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            start.ArgumentList.Add("-csrverifierexec");
            start.ArgumentList.Add(script);
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start scepserver.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ScepServer(process, directory, output, port, challenge);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Runs Debian's scepclient against this server, as the independent client to compare with.</summary>
    public (int ExitCode, string Output, string CertificatePath) RunScepClient(string commonName, string? challenge = null)
    {
        var key = Path.Combine(_directory.Path, $"client-{Guid.NewGuid():N}.key");
        var certificate = Path.Combine(_directory.Path, $"client-{Guid.NewGuid():N}.pem");
        var start = new ProcessStartInfo("/usr/bin/scepclient")
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-server-url", Url, "-challenge", challenge ?? Challenge, "-private-key", key, "-certificate", certificate, "-cn", commonName })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, standardOutput.Result + standardError, certificate);
    }

    private static void Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scepserver {string.Join(' ', arguments)} failed: {error.Result}");
        }
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"scepserver exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var tcp = new TcpClient();
                tcp.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"scepserver did not listen on port {Port}:\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
