using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CertManager.Core.Tokens;
using CertManager.Testing;

namespace CertManager.Web.Tests.Api;

/// <summary>What the API does beyond who may call it: ETags, problem documents, CSRs, audit of token use, revocation and the rate limit.</summary>
public sealed class ApiResourceTests(ApiResourceTests.ApiConsole console) : IClassFixture<ApiResourceTests.ApiConsole>
{
    private const int RequestsPerMinute = 12;

    public sealed class ApiConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-api");

        public ConsoleProcess Process { get; private set; } = default!;

        public string DataDirectory => _data.Path;

        public async Task InitializeAsync()
        {
            await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
            Process = await ConsoleProcess.StartAsync(_data.Path, environment: new Dictionary<string, string>
            {
                ["CertManager__Api__RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CertManager__Alerts__Webhooks__0__Name"] = "ops-chat",
                ["CertManager__Alerts__Webhooks__0__Format"] = "Slack",
                ["CertManager__Alerts__Webhooks__0__Url"] = "https://chat.example.test/hooks/secret-part",
            });
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            _data.Dispose();
        }

        /// <summary>A client with a fresh token of the administrator, so each test has its own rate-limit bucket.</summary>
        public async Task<(ConsoleClient Client, CreatedApiToken Token)> ClientAsync(params string[] scopes)
        {
            var token = await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, scopes.Length > 0 ? scopes : ApiScopes.All);
            var client = Process.CreateClient();
            client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            return (client, token);
        }
    }

    [Fact]
    public async Task GetCertificate_SameETag_Answers304AndDescribesPresentedCertificate()
    {
        var (client, _) = await console.ClientAsync(ApiScopes.CertificateRead);
        using var _client = client;

        using var first = await client.Http.GetAsync("api/v1/certificate");
        var etag = first.Headers.ETag;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "api/v1/certificate");
        conditional.Headers.IfNoneMatch.Add(etag!);
        using var second = await client.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var presented = await TlsProbe.GetPresentedCertificateAsync(console.Process.Port);
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented), body.RootElement.GetProperty("details").GetProperty("sha256Fingerprint").GetString());
        Assert.Equal("self-signed-default", body.RootElement.GetProperty("source").GetString());
        Assert.Equal("SelfSignedDefault", body.RootElement.GetProperty("details").GetProperty("origin").GetString());
    }

    [Fact]
    public async Task CreateCsr_InvalidForm_AnswersProblemDocumentWithCodeAndFix()
    {
        var (client, _) = await console.ClientAsync(ApiScopes.CertificateWrite);
        using var _client = client;

        using var response = await client.Http.PostAsJsonAsync("api/v1/csrs", new { commonName = "", keySize = 1024 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("csr.common-name-required", problem.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("fix").GetString()));
        var codes = problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("csr.key-size-invalid", codes);
    }

    [Fact]
    public async Task InstallCertificate_ConfirmWarningsNotABoolean_Answers400()
    {
        var (client, _) = await console.ClientAsync(ApiScopes.CertificateWrite);
        using var _client = client;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("not a certificate"u8.ToArray()), "certificate", "server.pem" },
            { new StringContent("maybe"), "confirmWarnings" },
        };

        using var response = await client.Http.PostAsync("api/v1/certificate/install", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("api.confirm-warnings-invalid", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CheckCertificate_FieldNameInOtherCase_ReadAsTheCertificate()
    {
        var (client, _) = await console.ClientAsync(ApiScopes.CertificateWrite);
        using var _client = client;
        using var form = new MultipartFormDataContent { { new ByteArrayContent("not a certificate"u8.ToArray()), "CERTIFICATE", "server.pem" } };

        using var response = await client.Http.PostAsync("api/v1/certificate/check", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("api.certificate-missing", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Csr_CreateListDownloadDiscard_MatchesWhatOpenSslReads()
    {
        var (client, _) = await console.ClientAsync(ApiScopes.CertificateRead, ApiScopes.CertificateWrite);
        using var _client = client;

        using var created = await client.Http.PostAsJsonAsync("api/v1/csrs", new { commonName = "www.example.com", alternateNames = new[] { "example.com" }, organization = "Example Inc." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var csr = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = csr.RootElement.GetProperty("pendingRequestId").GetInt64();
        var pending = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/csrs");
        var downloaded = await client.Http.GetStringAsync($"api/v1/csrs/{id}");
        using var discarded = await client.Http.DeleteAsync($"api/v1/csrs/{id}");
        using var gone = await client.Http.GetAsync($"api/v1/csrs/{id}");

        Assert.Contains(pending.EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);
        Assert.Equal(csr.RootElement.GetProperty("pem").GetString()!.Trim(), downloaded.Trim());
        using var directory = new TempDirectory("certmanager-api-csr");
        await File.WriteAllTextAsync(directory.File("request.csr"), downloaded);
        var subject = OpenSsl.Run(directory.Path, "req", "-in", "request.csr", "-noout", "-subject", "-nameopt", "RFC2253");
        Assert.Contains("CN=www.example.com", subject, StringComparison.Ordinal);
        Assert.Contains("O=Example Inc.", subject, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("csr.pending-not-found", JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TokenUse_ManyRequests_RecordedOnceAndActionsNameUserAndToken()
    {
        var (client, token) = await console.ClientAsync(ApiScopes.EventsRead, ApiScopes.EventsWrite);
        using var _client = client;

        for (var i = 0; i < 3; i++)
        {
            (await client.Http.GetAsync("api/v1/events?source=api-tokens&pageSize=200")).Dispose();
        }

        var page = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/events?source=api-tokens&pageSize=200");
        var uses = page.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("message").GetString()!.StartsWith($"API token #{token.Token.Id} ", StringComparison.Ordinal) && e.GetProperty("message").GetString()!.Contains(" used from 127.0.0.1", StringComparison.Ordinal))
            .ToList();
        var use = Assert.Single(uses);
        var actor = $"{ConsoleSeed.Administrator.UserName} (token #{token.Token.Id})";
        Assert.Equal(actor, use.GetProperty("actor").GetString());

        using var acknowledged = await client.Http.PostAsync($"api/v1/events/{use.GetProperty("id").GetInt64()}/acknowledge", null);
        Assert.Equal(HttpStatusCode.NoContent, acknowledged.StatusCode);
        var after = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/events?source=api-tokens&pageSize=200");
        var same = after.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == use.GetProperty("id").GetInt64());
        Assert.Equal(actor, same.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Token_RevokedWhileConsoleRuns_RefusedFromNextRequest()
    {
        var (client, token) = await console.ClientAsync(ApiScopes.CertificateRead);
        using var _client = client;
        using var before = await client.Http.GetAsync("api/v1/trust/roots");

        await ConsoleTokens.RevokeAsync(console.DataDirectory, ConsoleSeed.Administrator.UserName, token.Token.Id);
        using var after = await client.Http.GetAsync("api/v1/trust/roots");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("token.invalid", JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_TokenOverItsLimit_Answers429WhileOtherTokensGoOn()
    {
        var (busy, _) = await console.ClientAsync(ApiScopes.CertificateRead);
        var (other, _) = await console.ClientAsync(ApiScopes.CertificateRead);
        using var _busy = busy;
        using var _other = other;

        // The bucket starts full and refills continuously (12 a minute is one every 5 s), so on a slow machine a request
        // or two more may pass before the first refusal: the run goes on until one is refused, at most twice the limit.
        var statuses = new List<HttpStatusCode>();
        while (statuses.Count < 2 * RequestsPerMinute && !statuses.Contains(HttpStatusCode.TooManyRequests))
        {
            using var response = await busy.Http.GetAsync("api/v1/trust/roots");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "Retry-After is missing");
                Assert.Equal("api.rate-limited", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
            }
        }

        using var unaffected = await other.Http.GetAsync("api/v1/trust/roots");
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, RequestsPerMinute), statuses.Take(RequestsPerMinute));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }

    [Fact]
    public async Task AlertSettings_ConfiguredWebhook_ListedWithSendTestButNeitherUrlNorSecretShown()
    {
        using var browser = console.Process.CreateClient();
        await browser.SignInSuccessfullyAsync(ConsoleSeed.Administrator.UserName, ConsoleSeed.Administrator.Password);
        var (client, _) = await console.ClientAsync(ApiScopes.Admin);
        using var _client = client;

        var page = await browser.Http.GetStringAsync("settings/alerts");
        var settings = await client.Http.GetStringAsync("api/v1/settings/alerts");

        Assert.Contains("id=\"send-test-webhook-ops-chat\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", page, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_AddTestRemove_ReceiverGetsTheTestAndTheUrlIsNeverReturned()
    {
        using var receiver = new WebhookReceiver();
        receiver.Start();
        var (client, _) = await console.ClientAsync(ApiScopes.Admin);
        using var _client = client;

        var added = await client.Http.PostAsJsonAsync("api/v1/settings/alerts/webhooks", new { name = "api-added", url = receiver.Url("api"), format = "Generic", secret = "api-secret", minimumSeverity = "Minor" });
        var tested = await client.Http.PostAsync("api/v1/settings/alerts/webhooks/api-added/test", null);
        var listed = await client.Http.GetStringAsync("api/v1/settings/alerts/webhooks");
        var removed = await client.Http.DeleteAsync("api/v1/settings/alerts/webhooks/api-added");
        var afterwards = await client.Http.GetStringAsync("api/v1/settings/alerts/webhooks");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("/api", request.Path);
        Assert.StartsWith("sha256=", request.Headers["X-CertManager-Signature"], StringComparison.Ordinal);
        using (var list = JsonDocument.Parse(listed))
        {
            var entry = list.RootElement.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "api-added");
            Assert.Equal(("console", true, "Minor"), (entry.GetProperty("source").GetString(), entry.GetProperty("signed").GetBoolean(), entry.GetProperty("minimumSeverity").GetString()));
            Assert.Equal("configuration", list.RootElement.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "ops-chat").GetProperty("source").GetString());
        }

        Assert.DoesNotContain(receiver.Url("api"), listed, StringComparison.Ordinal);
        Assert.DoesNotContain("api-secret", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("api-added", afterwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportKey_OperatorTokenWithoutExportScope_RefusedAndNotAudited()
    {
        var token = await ConsoleTokens.CreateAsync(console.DataDirectory, ConsoleSeed.Operator.UserName, [ApiScopes.CertificateRead, ApiScopes.EventsRead]);
        using var client = console.Process.CreateClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);

        using var response = await client.Http.PostAsJsonAsync("api/v1/certificate/export", new { format = "Zip" });
        var exports = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/events?source=export&pageSize=200");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("token.scope-missing", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain(exports.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetString()!.Contains($"token #{token.Token.Id}", StringComparison.Ordinal));
    }
}
