using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CertManager.Core.Tokens;
using CertManager.Testing;
using CertManager.Web.Tests.Metrics;

namespace CertManager.Web.Tests.Api;

/// <summary>
/// Starting and following SCEP and ACME enrollments through <c>/api/v1</c> of a real console: against Debian's
/// scepserver and pebble (http-01 answered by the console itself), and against <see cref="PendingScepResponder"/>,
/// our test responder, for what scepserver cannot do (PENDING, serverAuth certificates). The ACME enrollment is also
/// read back from /metrics.
/// </summary>
public sealed class EnrollmentApiTests(EnrollmentApiTests.EnrollmentConsole console) : IClassFixture<EnrollmentApiTests.EnrollmentConsole>
{
    private const string Name = "console.example.test";

    public sealed class EnrollmentConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-api-enroll");

        public ChallengeTestServer Dns { get; } = ChallengeTestServer.Start();

        public PebbleServer Pebble { get; private set; } = default!;

        public ScepServer Scep { get; } = ScepServer.Start();

        public PendingScepResponder Responder { get; } = new();

        public ConsoleProcess Process { get; private set; } = default!;

        public string MetricsToken { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            var httpPort = FreePort.Next();
            Pebble = PebbleServer.Start(new PebbleSettings { HttpPort = httpPort, DnsServer = Dns.DnsAddress });
            File.WriteAllText(_data.File("pebble-tls.pem"), Pebble.TlsCertificate.ExportCertificatePem());
            await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Administrator]);
            await ConsoleSeed.TrustRootAsync(_data.Path, await Pebble.GetRootPemAsync());
            using (var responderCa = Responder.CaCertificate)
            {
                await ConsoleSeed.TrustRootAsync(_data.Path, responderCa.ExportCertificatePem());
            }

            MetricsToken = (await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, [ApiScopes.MetricsRead])).Value;
            Process = await ConsoleProcess.StartAsync(
                _data.Path, environment: new Dictionary<string, string> { ["CertManager__Acme__TrustedCertificatesFile"] = _data.File("pebble-tls.pem") }, httpPort: httpPort);
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            Pebble?.Dispose();
            Dns.Dispose();
            Scep.Dispose();
            Responder.Dispose();
            _data.Dispose();
        }

        /// <summary>A client with a fresh administrator token holding <paramref name="scopes"/>.</summary>
        public async Task<ConsoleClient> ClientAsync(params string[] scopes)
        {
            var token = await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, scopes);
            var client = Process.CreateClient();
            client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            return client;
        }
    }

    [Fact]
    public async Task StartAcmeOrder_Pebble_InstalledPresentedFollowedAndCounted()
    {
        var before = Exposition.Samples(await Exposition.ScrapeAsync(console.Process, console.MetricsToken), "certmanager_enrollments_total", Acme("issued")).Sum();
        using var client = await console.ClientAsync(ApiScopes.CertificateWrite, ApiScopes.CertificateRead);

        using var started = await client.Http.PostAsJsonAsync("api/v1/acme/orders", new { directoryUrl = console.Pebble.DirectoryUrl, commonName = Name, termsOfServiceAgreed = true, email = "admin@example.test" });

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync() + "\n" + console.Process.Output);
        using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        var fingerprint = body.RootElement.GetProperty("installed").GetProperty("sha256Fingerprint").GetString()!;
        using var presented = await TlsProbe.GetPresentedCertificateAsync(console.Process.Port, Name);
        Assert.Equal(fingerprint, TlsProbe.Sha256Fingerprint(presented));
        Assert.Contains("Pebble Intermediate", presented.Issuer, StringComparison.Ordinal);

        using var order = JsonDocument.Parse(await client.Http.GetStringAsync(started.Headers.Location!.OriginalString.TrimStart('/')));
        Assert.Equal("Installed", order.RootElement.GetProperty("status").GetString());
        Assert.Equal("Downloaded", order.RootElement.GetProperty("lastStep").GetString());
        using var list = JsonDocument.Parse(await client.Http.GetStringAsync("api/v1/acme/orders"));
        Assert.Equal(order.RootElement.GetProperty("id").GetInt64(), list.RootElement[0].GetProperty("id").GetInt64());

        var scrape = await Exposition.ScrapeAsync(console.Process, console.MetricsToken);
        var check = await Exposition.PromtoolCheckAsync(scrape);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Equal(before + 1, Exposition.Samples(scrape, "certmanager_enrollments_total", Acme("issued")).Sum());
    }

    [Fact]
    public async Task StartScepEnrollment_Scepserver_RefusalsCarryTheServicesCodes()
    {
        using var client = await console.ClientAsync(ApiScopes.CertificateWrite);
        using var ca = console.Scep.CaCertificate;
        var fingerprint = TlsProbe.Sha256Fingerprint(ca);

        using var clientAuthOnly = await client.Http.PostAsJsonAsync("api/v1/scep/enrollments", new { url = console.Scep.Url, commonName = Name, expectedCaFingerprint = fingerprint, challenge = console.Scep.Challenge, confirmWarnings = true });
        using var wrongChallenge = await client.Http.PostAsJsonAsync("api/v1/scep/enrollments", new { url = console.Scep.Url, commonName = Name, expectedCaFingerprint = fingerprint, challenge = "not-the-challenge" });
        using var unpinned = await client.Http.PostAsJsonAsync("api/v1/scep/enrollments", new { url = console.Scep.Url, commonName = Name, challenge = console.Scep.Challenge });

        // scepserver issues clientAuth only: the chain doctor's error refuses it, with its report, and nothing is kept.
        using var refused = await ProblemAsync(clientAuthOnly, HttpStatusCode.UnprocessableEntity, "server.no-server-auth");
        Assert.True(refused.RootElement.TryGetProperty("report", out _));
        Assert.False(refused.RootElement.TryGetProperty("held", out _));
        Assert.Contains("scep_message_type=\"PKCSReq (19)\"", console.Scep.Output, StringComparison.Ordinal);
        (await ProblemAsync(wrongChallenge, HttpStatusCode.UnprocessableEntity, "scep.rejected-bad-request")).Dispose();
        (await ProblemAsync(unpinned, HttpStatusCode.UnprocessableEntity, "scep.fingerprint-required")).Dispose();
        Assert.DoesNotContain(console.Scep.Challenge, console.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartScepEnrollment_CaAnswersPending_AcceptedFollowedAndCancelled()
    {
        using var client = await console.ClientAsync(ApiScopes.CertificateWrite, ApiScopes.CertificateRead);
        console.Responder.OnRequest = PendingScepResponder.Answer.Pending;

        using var started = await client.Http.PostAsJsonAsync("api/v1/scep/enrollments", new { url = console.Responder.Url, commonName = Name, expectedCaFingerprint = ResponderFingerprint(), challenge = "one-time" });

        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var location = started.Headers.Location!.OriginalString.TrimStart('/');
        using var followed = JsonDocument.Parse(await client.Http.GetStringAsync(location));
        Assert.Equal("Pending", followed.RootElement.GetProperty("status").GetString());
        Assert.Equal("CN=console.example.test", followed.RootElement.GetProperty("subject").GetString());

        using var cancelled = await client.Http.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using var after = JsonDocument.Parse(await client.Http.GetStringAsync(location));
        Assert.Equal("Cancelled", after.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StartScepEnrollment_WarningsNotConfirmed_KeptAndInstalledOnConfirmation()
    {
        using var client = await console.ClientAsync(ApiScopes.CertificateWrite, ApiScopes.CertificateRead);
        console.Responder.OnRequest = PendingScepResponder.Answer.Issue;

        // Another name than the console's: the chain doctor warns, and the script did not confirm.
        using var started = await client.Http.PostAsJsonAsync("api/v1/scep/enrollments", new { url = console.Responder.Url, commonName = "other.example.test", expectedCaFingerprint = ResponderFingerprint(), challenge = "one-time" });

        using var problem = await ProblemAsync(started, HttpStatusCode.Conflict, "install.warnings-not-confirmed");
        var held = problem.RootElement.GetProperty("held");
        Assert.Equal("Issued", held.GetProperty("status").GetString());
        var id = held.GetProperty("id").GetInt64();
        using var unconfirmed = await client.Http.PostAsJsonAsync($"api/v1/scep/enrollments/{id}/install", new { confirmWarnings = false });
        (await ProblemAsync(unconfirmed, HttpStatusCode.Conflict, "install.warnings-not-confirmed")).Dispose();

        using var installed = await client.Http.PostAsJsonAsync($"api/v1/scep/enrollments/{id}/install", new { confirmWarnings = true });

        Assert.True(installed.StatusCode == HttpStatusCode.OK, await installed.Content.ReadAsStringAsync());
        using var presented = await TlsProbe.GetPresentedCertificateAsync(console.Process.Port, Name);
        Assert.Contains("other.example.test", presented.Subject, StringComparison.Ordinal);
        using var state = JsonDocument.Parse(await client.Http.GetStringAsync($"api/v1/scep/enrollments/{id}"));
        Assert.Equal("Installed", state.RootElement.GetProperty("status").GetString());
    }

    private static Dictionary<string, string> Acme(string outcome) => new() { ["protocol"] = "acme", ["outcome"] = outcome };

    private string ResponderFingerprint()
    {
        using var ca = console.Responder.CaCertificate;
        return TlsProbe.Sha256Fingerprint(ca);
    }

    private static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text);
        Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("fix").GetString()));
        return problem;
    }
}
