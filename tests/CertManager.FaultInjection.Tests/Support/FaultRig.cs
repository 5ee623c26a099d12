using CertManager.Testing;

namespace CertManager.FaultInjection.Tests.Support;

/// <summary>
/// The real console over one data directory, with its real peers: aiosmtpd receiving its alerts and scepserver issuing
/// certificates; a test PKI whose leaves expire in 10 days, so that each one installed raises a WARNING alert.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    private const int PoolSize = 8;

    private readonly TestPki _pki = new("Fault");
    private readonly TempDirectory _data = new("certmanager-fault-data");
    private readonly TempDirectory _work = new("certmanager-fault-work");
    private readonly List<(string Certificate, string Key)> _pool = [];
    private ScepServer? _scep;
    private string _scepFingerprint = string.Empty;

    private FaultRig()
    {
        Inspector = new DataDirectoryInspector(_data.Path);
    }

    public SmtpServerProcess Smtp { get; private set; } = null!;

    public ConsoleProcess Console { get; private set; } = null!;

    public DataDirectoryInspector Inspector { get; }

    public string DataDirectory => _data.Path;

    public string WorkDirectory => _work.Path;

    public static async Task<FaultRig> StartAsync()
    {
        var rig = new FaultRig();
        for (var i = 0; i < PoolSize; i++)
        {
            rig._pool.Add(rig._pki.IssueServerBy(rig._pki.Intermediate, $"f{i}.example.test", days: 10));
        }

        rig._scep = ScepServer.Start();
        using (var ca = rig._scep.CaCertificate)
        {
            rig._scepFingerprint = TlsProbe.Sha256Fingerprint(ca);
            await File.WriteAllTextAsync(rig._data.File("trusted-roots.pem"), rig._pki.RootPem + ca.ExportCertificatePem() + "\n");
        }

        await File.WriteAllTextAsync(rig._work.File("challenge"), rig._scep.Challenge + "\n");
        rig.Smtp = await SmtpServerProcess.StartNewAsync();
        rig.Console = await rig.StartConsoleAsync();
        return rig;
    }

    /// <summary>SIGKILLs the console (ConsoleProcess stops it with Process.Kill) without restarting it.</summary>
    public ValueTask KillConsoleAsync() => Console.DisposeAsync();

    public async Task RestartConsoleAsync() => Console = await StartConsoleAsync();

    /// <summary>One certman command, chosen with the weights of what an operator runs most.</summary>
    public (string Kind, string[] Arguments) Pick(Random random)
    {
        var roll = random.Next(100);
        var data = DataDirectory;
        if (roll < 30)
        {
            var (certificate, key) = _pool[random.Next(_pool.Count)];
            return ("install", ["install", "--data-dir", data, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--accept-warnings"]);
        }

        if (roll < 45)
        {
            return ("uninstall", ["uninstall", "--data-dir", data]);
        }

        if (roll < 60 && Inspector.Versions().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } versions)
        {
            return ("activate", ["activate", versions[random.Next(versions.Count)], "--data-dir", data]);
        }

        if (roll < 75)
        {
            return ("csr", ["csr", "--data-dir", data, "--cn", "console.example.test", "--out", _work.File($"{Guid.NewGuid():N}.csr")]);
        }

        if (roll < 87)
        {
            return ("scep", ["scep", "enroll", "--url", _scep!.Url, "--cn", "console.example.test", "--ca-fingerprint", _scepFingerprint, "--data-dir", data, "--challenge-file", _work.File("challenge"), "--accept-warnings"]);
        }

        return ("check-expiry", ["check-expiry", "--data-dir", data]);
    }

    /// <summary>The alert settings, given to the console and to every certman alike (certman queues the alerts of the events it records).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["CertManager__Alerts__Smtp__Host"] = "127.0.0.1",
        ["CertManager__Alerts__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CertManager__Alerts__Smtp__Security"] = "None",
        ["CertManager__Alerts__Smtp__Sender"] = "certmanager@example.test",
        ["CertManager__Alerts__Smtp__Recipients"] = "operators@example.test",
        ["CertManager__Alerts__Smtp__MinimumSeverity"] = "Warning",
        ["CertManager__Alerts__DispatchInterval"] = "00:00:01",
        ["CertManager__Alerts__RetryBaseDelay"] = "00:00:01",
        ["CertManager__Alerts__RetryMaxDelay"] = "00:00:02",
    };

    private Task<ConsoleProcess> StartConsoleAsync() => ConsoleProcess.StartAsync(_data.Path, environment: Environment);

    public async ValueTask DisposeAsync()
    {
        await Console.DisposeAsync();
        await Smtp.DisposeAsync();
        _scep?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _work.Dispose();
        _data.Dispose();
        _pki.Dispose();
    }
}
