using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace CertManager.Testing;

/// <summary>
/// A real peer program started by a fixture (pebble, pebble-challtestsrv, named): arguments passed without a shell,
/// its output kept for failure messages, ready once a TCP port answers, killed with its children on dispose.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PeerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static PeerProcess Start(string executable, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: scripts/test.sh installs the test peers (see docs/acme.md, 'Testing').");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new PeerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}."), Path.GetFileName(executable));
    }

    /// <summary>Waits (bounded) until 127.0.0.1:<paramref name="port"/> accepts a TCP connection.</summary>
    public void WaitUntilListening(int port, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var tcp = new TcpClient();
                tcp.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"{Name} did not listen on port {port}:\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
