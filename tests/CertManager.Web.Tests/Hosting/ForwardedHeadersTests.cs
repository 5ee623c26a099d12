using System.Net;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy: the sign-in limit per address counts the client that the trusted proxy names in
/// X-Forwarded-For, and ignores the header on connections from anywhere else. Real console, loopback addresses as
/// the proxy (127.0.4.1) and as a client that is not one (127.0.4.2).
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedConsole console) : IClassFixture<ForwardedHeadersTests.ProxiedConsole>
{
    private const int PerAddress = 2;
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.4.1");
    private static readonly IPAddress NotAProxy = IPAddress.Parse("127.0.4.2");

    public sealed class ProxiedConsole : IAsyncLifetime
    {
        public ConsoleProcess Process { get; private set; } = default!;

        public async Task InitializeAsync() =>
            Process = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string>
            {
                ["CertManager__SignInLimits__PermitsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CertManager__SignInLimits__Window"] = "00:10:00",
                ["CertManager__Web__TrustedProxies__0"] = "127.0.4.0/31",
            });

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SignIn_ThroughTrustedProxy_LimitedPerForwardedClientNotPerProxy()
    {
        var first = await SignInAttemptsAsync(Proxy, "203.0.113.7", PerAddress + 1);
        var second = await SignInAttemptsAsync(Proxy, "203.0.113.8", 1);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerAddress), HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task SignIn_HeaderFromAnAddressThatIsNotATrustedProxy_Ignored()
    {
        var first = await SignInAttemptsAsync(NotAProxy, "198.51.100.1", PerAddress);
        var second = await SignInAttemptsAsync(NotAProxy, "198.51.100.2", 1);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, PerAddress), first);
        Assert.Equal([HttpStatusCode.TooManyRequests], second);
    }

    [Fact]
    public async Task SignIn_ClientWritesItsOwnForwardedForBeforeTheProxysHop_OnlyTheProxysHopCounts()
    {
        // A client sends "X-Forwarded-For: <spoofed>"; the proxy appends the address it saw. Only that last hop is taken.
        var spoofed = await SignInAttemptsAsync(Proxy, "192.0.2.1, 203.0.113.50", PerAddress);
        var sameClientOtherSpoof = await SignInAttemptsAsync(Proxy, "192.0.2.2, 203.0.113.50", 1);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, PerAddress), spoofed);
        Assert.Equal([HttpStatusCode.TooManyRequests], sameClientOtherSpoof);
    }

    private async Task<List<HttpStatusCode>> SignInAttemptsAsync(IPAddress from, string forwardedFor, int attempts)
    {
        using var client = console.Process.CreateClient(from);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            using var response = await client.SignInAsync($"someone-{Guid.NewGuid():N}", "not-the-password");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
