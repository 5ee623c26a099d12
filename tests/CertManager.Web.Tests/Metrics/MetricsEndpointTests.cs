using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Tokens;
using CertManager.Testing;

namespace CertManager.Web.Tests.Metrics;

/// <summary>
/// /metrics of the real console presenting a certificate from a test CA: validated by Prometheus' own promtool, values
/// compared with the certificate, and who may scrape (a metrics:read token, or an allowed network).
/// </summary>
public sealed class MetricsEndpointTests(MetricsEndpointTests.MetricsConsole console) : IClassFixture<MetricsEndpointTests.MetricsConsole>
{
    /// <summary>The network allowed to scrape without a token; the tests connect from it by binding 127.0.0.2.</summary>
    private const string AllowedAddress = "127.0.0.2";

    public sealed class MetricsConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-metrics");
        private readonly TestPki _pki = new("Metrics");

        public ConsoleProcess Process { get; private set; } = default!;

        public X509Certificate2 Server { get; private set; } = default!;

        public X509Certificate2 Intermediate { get; private set; } = default!;

        public string MetricsToken { get; private set; } = string.Empty;

        public string OtherToken { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
            var (certificate, key) = _pki.IssueServer("console.example.test");
            ConsoleSeed.InstallCertificate(_data.Path, certificate, key, _pki.IntermediatePath);
            Server = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificate));
            Intermediate = X509Certificate2.CreateFromPem(_pki.IntermediatePem);
            MetricsToken = (await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Helpdesk.UserName, [ApiScopes.MetricsRead])).Value;
            OtherToken = (await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, [ApiScopes.CertificateRead, ApiScopes.EventsRead])).Value;
            Process = await ConsoleProcess.StartAsync(_data.Path, environment: new Dictionary<string, string>
            {
                ["CertManager__Metrics__AllowedNetworks__0"] = AllowedAddress + "/32",
            });
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            Server?.Dispose();
            Intermediate?.Dispose();
            _pki.Dispose();
            _data.Dispose();
        }
    }

    [Fact]
    public async Task Scrape_WithMetricsToken_PromtoolAcceptsAndCertificateValuesMatch()
    {
        var text = await ScrapeAsync(console.MetricsToken);

        var check = await Exposition.PromtoolCheckAsync(text);
        Assert.True(check.ExitCode == 0, check.Output);
        foreach (var (certificate, role) in new[] { (console.Server, "server"), (console.Intermediate, "intermediate") })
        {
            var serial = new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
            var labels = new Dictionary<string, string>
            {
                ["subject_CN"] = certificate.GetNameInfo(X509NameType.SimpleName, false),
                ["issuer_CN"] = certificate.GetNameInfo(X509NameType.SimpleName, true),
                ["serial_number"] = serial,
                ["role"] = role,
            };
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds();
            Assert.Equal(notAfter, Value(text, "x509_cert_not_after", labels));
            Assert.Equal(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(), Value(text, "x509_cert_not_before", labels));
            Assert.Equal(0, Value(text, "x509_cert_expired", labels));
            var expiresIn = Value(text, "x509_cert_expires_in_seconds", labels);
            Assert.InRange(notAfter - DateTimeOffset.UtcNow.ToUnixTimeSeconds() - expiresIn, -5, 300);
        }

        Assert.Matches(@"(?m)^certmanager_alert_outbox_depth(\{[^}]*\})? 0$", text);
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{", text);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", text);
    }

    [Fact]
    public async Task Scrape_AfterFailedSignIn_CountsItByReason()
    {
        using var browser = console.Process.CreateClient();
        using var failed = await browser.SignInAsync(ConsoleSeed.Operator.UserName, "not-the-password-1");

        var text = await ScrapeAsync(console.MetricsToken);

        Assert.Matches(@"(?m)^certmanager_signin_failures_total\{[^}]*reason=""wrong password""[^}]*\} [1-9]", text);
    }

    [Fact]
    public async Task Scrape_WithoutTokenOrScope_RefusedUnlessFromAllowedNetwork()
    {
        using var anonymous = console.Process.CreateClient();
        using var withoutToken = await anonymous.Http.GetAsync("metrics");
        using var withOtherScopes = new HttpRequestMessage(HttpMethod.Get, "metrics");
        withOtherScopes.Headers.Authorization = new AuthenticationHeaderValue("Bearer", console.OtherToken);
        using var wrongScope = await anonymous.Http.SendAsync(withOtherScopes);
        using var fromAllowed = CreateClientFrom(IPAddress.Parse(AllowedAddress));
        using var allowed = await fromAllowed.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Contains("metrics:read", await wrongScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("x509_cert_not_after{", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<string> ScrapeAsync(string token) => Exposition.ScrapeAsync(console.Process, token);

    private static long Value(string text, string name, IReadOnlyDictionary<string, string> labels) => Exposition.Value(text, name, labels);

    /// <summary>An HTTP client whose connections leave from <paramref name="local"/> (a loopback alias), to act as an allowed scraper.</summary>
    private HttpClient CreateClientFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = console.Process.BaseAddress };
    }
}
