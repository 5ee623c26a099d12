using System.Diagnostics;

namespace CertManager.Testing;

/// <summary>
/// Written for the tests, on top of the real aiosmtpd: its Mailbox handler, except that the answer to DATA waits
/// until a file appears. A client that dies meanwhile drops the connection; aiosmtpd then cancels the handler, so
/// its message is never stored, as a real server does with a message it never acknowledged (RFC 5321 §4.1.1.4).
/// Used by <see cref="SmtpServerProcess"/> to make "while a delivery is in progress" observable without timing.
/// </summary>
internal sealed class HeldMailbox : IDisposable
{
    private const string Module = """
        import asyncio, os, uuid
        from aiosmtpd.handlers import Mailbox

        class HeldMailbox(Mailbox):
            def __init__(self, mail_dir, gate_dir):
                super().__init__(mail_dir)
                self.gate_dir = gate_dir

            async def handle_DATA(self, server, session, envelope):
                open(os.path.join(self.gate_dir, 'held-' + uuid.uuid4().hex), 'w').close()
                while not os.path.exists(os.path.join(self.gate_dir, 'release')):
                    await asyncio.sleep(0.05)
                return await super().handle_DATA(server, session, envelope)

            @classmethod
            def from_cli(cls, parser, *args):
                if len(args) != 2:
                    parser.error('HeldMailbox needs the maildir and the gate directory')
                return cls(args[0], args[1])
        """;

    private readonly TempDirectory _directory = new("certmanager-smtp-gate");

    public const string HandlerClass = "certmanager_held_mailbox.HeldMailbox";

    private string GateDirectory => Path.Combine(_directory.Path, "gate");

    public void Configure(ProcessStartInfo start)
    {
        Directory.CreateDirectory(GateDirectory);
        File.WriteAllText(Path.Combine(_directory.Path, "certmanager_held_mailbox.py"), Module);
        start.Environment["PYTHONPATH"] = _directory.Path;
        // The handler's arguments after the maildir (aiosmtpd passes everything after -c CLASS to from_cli).
        start.ArgumentList.Add(GateDirectory);
    }

    public async Task WaitUntilHeldAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(GateDirectory, "held-*").Any())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No SMTP client sent a message within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    public void Release() => File.WriteAllText(Path.Combine(GateDirectory, "release"), "");

    public void Dispose() => _directory.Dispose();
}
