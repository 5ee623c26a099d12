using System.Net.Http.Json;

namespace CertManager.Testing;

/// <summary>
/// pebble-challtestsrv as the DNS server pebble asks during validation (<c>pebble -dnsserver</c>): it answers every A
/// query with 127.0.0.1, and TXT records are set and cleared through its management API, as a DNS provider's API
/// would. Only DNS and management are enabled; both bind 127.0.0.1.
/// </summary>
public sealed class ChallengeTestServer : IDisposable
{
    private readonly PeerProcess _process;
    private readonly TempDirectory _directory;
    private readonly HttpClient _management = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ChallengeTestServer(PeerProcess process, TempDirectory directory, int dnsPort, int managementPort)
    {
        _process = process;
        _directory = directory;
        DnsPort = dnsPort;
        _management.BaseAddress = new Uri($"http://127.0.0.1:{managementPort}/");
    }

    public int DnsPort { get; }

    /// <summary>The management API (set-txt, clear-txt), for hooks that call it as a DNS provider's API.</summary>
    public Uri ManagementUrl => _management.BaseAddress!;

    /// <summary>host:port for <c>pebble -dnsserver</c>.</summary>
    public string DnsAddress => $"127.0.0.1:{DnsPort}";

    public string Output => _process.Output;

    public static ChallengeTestServer Start()
    {
        var directory = new TempDirectory("challtestsrv");
        var dnsPort = FreePort.Next();
        var managementPort = FreePort.Next();
        var process = PeerProcess.Start(
            PebbleBinaries.SystemChallengeServer,
            ["-dns01", $"127.0.0.1:{dnsPort}", "-http01", string.Empty, "-https01", string.Empty, "-tlsalpn01", string.Empty, "-management", $"127.0.0.1:{managementPort}", "-defaultIPv6", string.Empty],
            directory.Path);
        process.WaitUntilListening(managementPort);
        process.WaitUntilListening(dnsPort);
        return new ChallengeTestServer(process, directory, dnsPort, managementPort);
    }

    public async Task SetTxtAsync(string name, string value)
    {
        using var response = await _management.PostAsJsonAsync("set-txt", new { host = Fqdn(name), value });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearTxtAsync(string name)
    {
        using var response = await _management.PostAsJsonAsync("clear-txt", new { host = Fqdn(name) });
        response.EnsureSuccessStatusCode();
    }

    private static string Fqdn(string name) => name.EndsWith('.') ? name : name + ".";

    public void Dispose()
    {
        _management.Dispose();
        _process.Dispose();
        _directory.Dispose();
    }
}
