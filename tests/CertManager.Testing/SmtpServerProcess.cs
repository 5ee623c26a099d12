using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace CertManager.Testing;

/// <summary>
/// A real SMTP server on loopback: Debian's <c>python3-aiosmtpd</c>, storing each mail it accepts in a Maildir
/// the test reads. <see cref="StopAsync"/> and <see cref="StartAsync"/> again on the same port play a mail server
/// that goes down and comes back. With <c>holdData</c> the server (a subclass of aiosmtpd's own Mailbox handler,
/// written by the test rig, see <see cref="HeldMailbox"/>) takes each message but withholds its answer to DATA until
/// the test calls <see cref="ReleaseData"/>, so a test knows a client is in the middle of a delivery.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly TempDirectory _maildir = new("certmanager-maildir");
    private readonly HeldMailbox? _held;
    private Process? _process;

    public SmtpServerProcess(int? port = null, bool holdData = false)
    {
        Port = port ?? FreePort.Next();
        _held = holdData ? new HeldMailbox() : null;
    }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<SmtpServerProcess> StartNewAsync()
    {
        var server = new SmtpServerProcess();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", _held is null ? "aiosmtpd.handlers.Mailbox" : HeldMailbox.HandlerClass, Path.Combine(_maildir.Path, "mail") })
        {
            start.ArgumentList.Add(argument);
        }

        _held?.Configure(start);

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd (install python3-aiosmtpd).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode}; is python3-aiosmtpd installed?");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on port {Port} within 20 seconds.");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Waits until a client has sent a whole message and waits for the answer to DATA (only with <c>holdData</c>).</summary>
    public Task WaitUntilDataHeldAsync(TimeSpan timeout) =>
        (_held ?? throw new InvalidOperationException("This SMTP server does not hold DATA.")).WaitUntilHeldAsync(timeout);

    /// <summary>Answers the held DATA commands (storing the messages of the clients still connected) and every later one at once.</summary>
    public void ReleaseData() => (_held ?? throw new InvalidOperationException("This SMTP server does not hold DATA.")).Release();

    /// <summary>The mails received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var received = Path.Combine(_maildir.Path, "mail", "new");
        return Directory.Exists(received)
            ? Directory.GetFiles(received).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time).Select(f => MimeMessage.Load(f.File)).ToList()
            : [];
    }

    /// <summary>Waits until at least <paramref name="count"/> mails arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            var messages = Messages();
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Expected {count} mail(s) on port {Port}; {Messages().Count} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _held?.Dispose();
        _maildir.Dispose();
    }
}
