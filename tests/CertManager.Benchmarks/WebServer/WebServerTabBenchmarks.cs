using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Benchmarks.Storage;
using CertManager.Testing;

namespace CertManager.Benchmarks.WebServer;

/// <summary>
/// The Web Server Certificate tab as a signed-in browser asks for it: one GET of
/// <c>/security/web-server/certificate</c> from a real console process (Release build, on loopback), which renders the
/// page on the server with every service it calls (presented certificate, its stored version and provenance, the event
/// badge, the renewal panels) and the session check, on SQLite and on PostgreSQL in the same run. A real process rather
/// than the services alone: the tab's cost is mostly rendering and the queries it makes per request, and only the
/// console itself makes exactly those.
/// </summary>
[InProcessJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
public class WebServerTabBenchmarks : IDisposable
{
    private const string Tab = "security/web-server/certificate";

    private PostgreSqlServer? _server;
    private PostgreSqlDatabase? _database;
    private ConsoleProcess _console = default!;
    private ConsoleClient _client = default!;

    [Params(BenchmarkEngine.Sqlite, BenchmarkEngine.PostgreSql)]
    public string Engine { get; set; } = BenchmarkEngine.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        var environment = new Dictionary<string, string>
        {
            ["CertManager__Database__Provider"] = BenchmarkEngine.Sqlite,
        };
        if (Engine == BenchmarkEngine.PostgreSql)
        {
            _server = new PostgreSqlServer();
            _database = _server.CreateDatabase("bench");
            foreach (var (key, value) in _database.Environment)
            {
                environment[key] = value;
            }
        }

        _console = ConsoleProcess.StartAsync(environment: environment).GetAwaiter().GetResult();
        _client = _console.CreateClient();
        _client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword).GetAwaiter().GetResult();
        // The first view compiles the page and fills the caches; the benchmark's warm-up does the rest.
        RenderTab();
    }

    [Benchmark(Description = "Web Server Certificate tab, one signed-in GET")]
    public int RenderTab()
    {
        using var response = _client.Http.GetAsync(Tab).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.StatusCode == HttpStatusCode.OK && body.Contains(BenchmarkChain.HostName, StringComparison.Ordinal)
            ? body.Length
            : throw new InvalidOperationException($"The tab answered {(int)response.StatusCode} without the presented certificate's name.");
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _client?.Dispose();
        _console?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database?.Dispose();
        _server?.Dispose();
        GC.SuppressFinalize(this);
    }
}
