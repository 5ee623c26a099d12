using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace CertManager.Testing;

/// <summary>
/// The real console (the built CertManager.Web.dll) started as its own process on a free loopback port with a fresh
/// data directory, exactly as an operator runs it. Disposing stops it and removes the data directory.
/// </summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    public const string AdministratorName = "admin";
    public const string AdministratorPassword = "Initial-admin-password-1";

    private const string ProviderVariable = "CertManager__Database__Provider";

    private readonly Process _process;
    private bool _disposed;
    private readonly ConcurrentQueue<string> _output;
    private readonly TempDirectory? _ownedDataDirectory;

    private ConsoleProcess(Process process, ConcurrentQueue<string> output, int port, string dataDirectory, TempDirectory? ownedDataDirectory)
    {
        _process = process;
        _output = output;
        Port = port;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = ownedDataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    /// <summary>The console's process, for measuring its CPU time and memory from the outside.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the console wrote to stdout/stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the console. By default the first administrator gets <see cref="AdministratorPassword"/> from the
    /// environment; pass <paramref name="administratorPassword"/> null to test the generated one-time password.
    /// With <paramref name="httpPort"/> it also listens for plain HTTP there (as its HttpPort does in production).
    /// With <paramref name="port"/> it listens on that HTTPS port, e.g. to come back where its followers expect it.
    /// </summary>
    public static async Task<ConsoleProcess> StartAsync(
        string? dataDirectory = null,
        string? administratorPassword = AdministratorPassword,
        IReadOnlyDictionary<string, string>? environment = null,
        int? httpPort = null,
        int? port = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("certmanager-console") : null;
        dataDirectory ??= owned!.Path;
        // A free port is only free when it is probed: another process on a busy CI machine (parallel test projects
        // start many consoles and clients) can take it before the console binds. Such a start is tried again on a
        // new port; any other failure is reported as it is.
        for (var attempt = 1; ; attempt++)
        {
            var console = Launch(dataDirectory, owned, administratorPassword, environment, httpPort, port ?? FreePort.Next());
            try
            {
                // Generous: on a CI machine shared by parallel test projects a start can take far longer than on a desk.
                await console.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
                return console;
            }
            catch (InvalidOperationException) when (attempt < 3 && console.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                console._process.Dispose();
            }
        }
    }

    private static ConsoleProcess Launch(
        string dataDirectory,
        TempDirectory? owned,
        string? administratorPassword,
        IReadOnlyDictionary<string, string>? environment,
        int? httpPort,
        int port)
    {
        var assembly = RepositoryPaths.WebAssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"The console is not built: {assembly} is missing. Build the solution first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(httpPort is { } http ? $"https://127.0.0.1:{port};http://127.0.0.1:{http}" : $"https://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CertManager__DataDirectory"] = dataDirectory;
        start.Environment["CertManager__HostName"] = "console.example.test";
        start.Environment.Remove("ASPNETCORE_URLS");
        // Tests sign in far more often than people do; the tests of the rate limits set their own.
        start.Environment["CertManager__SignInLimits__PermitsPerUserName"] = "10000";
        start.Environment["CertManager__SignInLimits__PermitsPerAddress"] = "10000";
        // The background work begins at once, as tests wait for its first runs; JobStartTests checks the delay itself.
        start.Environment["CertManager__Jobs__StartDelay"] = "00:00:00";
        if (administratorPassword is not null)
        {
            start.Environment["CertManager__Accounts__InitialAdministratorPassword"] = administratorPassword;
        }

        environment ??= new Dictionary<string, string>();
        // The PostgreSQL test run gives each data directory its own database, unless the test chose the store itself.
        var store = environment.ContainsKey(ProviderVariable) ? new Dictionary<string, string>() : TestDatabase.EnvironmentFor(dataDirectory);
        foreach (var (key, value) in store.Concat(environment))
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the console.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new ConsoleProcess(process, output, port, dataDirectory, owned);
    }

    /// <summary>An HTTP client that trusts whatever certificate the console presents and does not follow redirects.</summary>
    public ConsoleClient CreateClient(System.Net.IPAddress? localAddress = null) => new(BaseAddress, localAddress);

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The console exited with code {_process.ExitCode} during start-up:\n{Output}");
            }

            // Each probe is short: whatever holds the port while the console is not up yet may accept and never answer.
            using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                using var response = await client.Http.GetAsync("health", probe.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (probe.IsCancellationRequested)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The console did not become healthy within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a fixture that killed this console and then failed to start the next one disposes it again,
        // and an exception here would hide the failure that matters.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _ownedDataDirectory?.Dispose();
    }

    public override string ToString() => new StringBuilder().Append("console on port ").Append(Port).ToString();
}
