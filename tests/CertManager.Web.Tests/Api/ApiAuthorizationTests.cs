using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertManager.Core.Accounts;
using CertManager.Core.Csr;
using CertManager.Core.Tokens;
using CertManager.Testing;

namespace CertManager.Web.Tests.Api;

/// <summary>
/// Every API endpoint with a token of each role, a token lacking each scope it needs, no token, a revoked, an expired
/// and a malformed token, and a signed-in browser session (cookie), through the real console process.
/// </summary>
public sealed class ApiAuthorizationTests(ApiAuthorizationTests.TokenConsole console) : IClassFixture<ApiAuthorizationTests.TokenConsole>
{
    private const string Read = ApiScopes.CertificateRead;
    private const string Write = ApiScopes.CertificateWrite;

    public sealed class TokenConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-api-authz");

        public ConsoleProcess Process { get; private set; } = default!;

        public GeneratedCsr PendingCsr { get; private set; } = default!;

        /// <summary>Per role, a token with every scope the role may hold.</summary>
        public Dictionary<UserRole, string> Full { get; } = [];

        /// <summary>Per scope, an administrator's token with every scope but that one.</summary>
        public Dictionary<string, string> AllBut { get; } = [];

        public string Revoked { get; private set; } = string.Empty;

        public string Expired { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
            PendingCsr = await ConsoleSeed.AddPendingRequestAsync(_data.Path, new CsrForm { CommonName = "api.example.com" });
            foreach (var user in ConsoleSeed.OneOfEachRole)
            {
                Full[user.Role] = (await ConsoleTokens.CreateAsync(_data.Path, user.UserName, ApiScopes.AllowedFor(user.Role))).Value;
            }

            foreach (var scope in ApiScopes.All)
            {
                AllBut[scope] = (await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, [.. ApiScopes.All.Where(s => s != scope)])).Value;
            }

            var revoked = await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, ApiScopes.All);
            await ConsoleTokens.RevokeAsync(_data.Path, ConsoleSeed.Administrator.UserName, revoked.Token.Id);
            Revoked = revoked.Value;
            Expired = (await ConsoleTokens.CreateAsync(_data.Path, ConsoleSeed.Administrator.UserName, ApiScopes.All, madeAt: DateTimeOffset.UtcNow.AddDays(-3), lifetime: TimeSpan.FromDays(1))).Value;
            Process = await ConsoleProcess.StartAsync(_data.Path);
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            _data.Dispose();
        }
    }

    public static TheoryData<ApiCall> Calls => new()
    {
        new("GET", "/api/v1/certificate", null, [Read], false, HttpStatusCode.OK),
        new("GET", "/api/v1/certificate/chain.pem", null, [Read], false, HttpStatusCode.OK),
        new("GET", "/api/v1/certificate/versions", null, [Read], false, HttpStatusCode.OK),
        new("POST", "/api/v1/certificate/versions/no-such-version/activate", null, [Write], false, HttpStatusCode.NotFound),
        new("POST", "/api/v1/certificate/uninstall", null, [Write], false, HttpStatusCode.Conflict),
        new("POST", "/api/v1/certificate/check", null, [Write], false, HttpStatusCode.UnprocessableEntity, Multipart: true),
        new("POST", "/api/v1/certificate/install", null, [Write], false, HttpStatusCode.UnprocessableEntity, Multipart: true),
        new("POST", "/api/v1/certificate/export", """{"format":"PublicPem"}""", [Read], false, HttpStatusCode.OK),
        new("POST", "/api/v1/certificate/export", """{"format":"Pfx","pfxPassword":"Export-password-1"}""", [Read, ApiScopes.ExportKey], false, HttpStatusCode.OK),
        new("POST", "/api/v1/csrs", """{"commonName":""}""", [Write], false, HttpStatusCode.UnprocessableEntity),
        new("GET", "/api/v1/csrs", null, [Read], true, HttpStatusCode.OK),
        new("GET", "/api/v1/csrs/PENDING", null, [Read], true, HttpStatusCode.OK),
        new("DELETE", "/api/v1/csrs/999999", null, [Write], false, HttpStatusCode.NotFound),
        new("GET", "/api/v1/events?minimumSeverity=Info&page=0&pageSize=5", null, [ApiScopes.EventsRead], false, HttpStatusCode.OK),
        new("POST", "/api/v1/events/999999/acknowledge", null, [ApiScopes.EventsWrite], false, HttpStatusCode.NotFound),
        new("GET", "/api/v1/trust/roots", null, [Read], false, HttpStatusCode.OK),
        new("GET", "/api/v1/scep/enrollments", null, [Read], true, HttpStatusCode.OK),
        new("GET", "/api/v1/scep/enrollments/999999", null, [Read], true, HttpStatusCode.NotFound),
        new("POST", "/api/v1/scep/enrollments", """{"url":"not a url","commonName":"console.example.test"}""", [Write], true, HttpStatusCode.UnprocessableEntity),
        new("POST", "/api/v1/scep/enrollments/999999/install", "{}", [Write], true, HttpStatusCode.Conflict),
        new("DELETE", "/api/v1/scep/enrollments/999999", null, [Write], true, HttpStatusCode.NotFound),
        new("POST", "/api/v1/acme/orders", """{"directoryUrl":"","commonName":"","termsOfServiceAgreed":false}""", [Write], true, HttpStatusCode.UnprocessableEntity),
        new("GET", "/api/v1/acme/orders", null, [Read], true, HttpStatusCode.OK),
        new("GET", "/api/v1/acme/orders/999999", null, [Read], true, HttpStatusCode.NotFound),
        new("POST", "/api/v1/acme/orders/999999/install", "{}", [Write], true, HttpStatusCode.Conflict),
        new("GET", "/api/v1/settings/alerts", null, [ApiScopes.Admin], false, HttpStatusCode.OK),
        new("GET", "/api/v1/settings/alerts/webhooks", null, [ApiScopes.Admin], false, HttpStatusCode.OK),
        new("POST", "/api/v1/settings/alerts/webhooks", """{"name":"bad name","url":"ftp://x","format":"Generic","minimumSeverity":"Warning"}""", [ApiScopes.Admin], false, HttpStatusCode.UnprocessableEntity),
        new("DELETE", "/api/v1/settings/alerts/webhooks/none", null, [ApiScopes.Admin], false, HttpStatusCode.NotFound),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Call_EachRoleScopeAndCredential_AnswersAsTheRulesSay(ApiCall call)
    {
        call = Resolve(call);
        var expectations = new List<(string Who, string? Token, HttpStatusCode Expected)>();
        foreach (var (role, token) in console.Full)
        {
            var allowed = call.Scopes.All(scope => ApiScopes.Roles[scope].Contains(role)) && (!call.AdministratorOnly || role == UserRole.Administrator);
            expectations.Add(($"{role} with every scope it may hold", token, allowed ? call.Allowed : HttpStatusCode.Forbidden));
        }

        foreach (var scope in call.Scopes)
        {
            expectations.Add(($"Administrator without {scope}", console.AllBut[scope], HttpStatusCode.Forbidden));
        }

        expectations.Add(("no token", null, HttpStatusCode.Unauthorized));
        expectations.Add(("revoked token", console.Revoked, HttpStatusCode.Unauthorized));
        expectations.Add(("expired token", console.Expired, HttpStatusCode.Unauthorized));
        expectations.Add(("malformed token", "cm_not-a-token", HttpStatusCode.Unauthorized));

        var mismatches = new List<string>();
        using var client = console.Process.CreateClient();
        foreach (var (who, token, expected) in expectations)
        {
            using var request = call.ToRequest();
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.Http.SendAsync(request);
            if (response.StatusCode != expected)
            {
                mismatches.Add($"{who}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                await AssertProblemAsync(response, expected == HttpStatusCode.Unauthorized ? ["token.missing", "token.invalid"] : ["token.scope-missing"], who, mismatches);
            }
        }

        Assert.True(mismatches.Count == 0, $"{call}:\n" + string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Call_SignedInBrowserSessionWithoutToken_IsRefused()
    {
        using var client = console.Process.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleSeed.Administrator.UserName, ConsoleSeed.Administrator.Password);
        var answered = new List<string>();

        foreach (var call in Calls.Cast<object[]>().Select(row => (ApiCall)row[0]))
        {
            using var request = Resolve(call).ToRequest();
            using var response = await client.Http.SendAsync(request);
            answered.Add($"{call}: {(int)response.StatusCode}");
        }

        Assert.All(answered, line => Assert.EndsWith(": 401", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_JsonToAFormEndpointWithAToken_Answers415()
    {
        using var client = console.Process.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/certificate/install")
        {
            Content = new StringContent("""{"certificate":"-----BEGIN CERTIFICATE-----"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", console.Full[UserRole.Administrator]);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/v1/no-such-resource")]
    [InlineData("POST", "api/v1/certificate/install")]
    public async Task Call_WithoutATokenWhereNoApiPolicyApplies_Answers401Problem(string method, string path)
    {
        // Routing's own answers (an unknown path, a body type the endpoint does not take) carry no API policy: a script
        // still gets the API's 401 problem, never the sign-in page's redirect.
        using var client = console.Process.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var mismatches = new List<string>();
        await AssertProblemAsync(response, ["token.missing"], "no token", mismatches);
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Call_UnknownPathWithAToken_Answers404()
    {
        using var client = console.Process.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/no-such-resource");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", console.Full[UserRole.Administrator]);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Fills in the id of the pending request the fixture made.</summary>
    private ApiCall Resolve(ApiCall call) =>
        call with { Path = call.Path.Replace("PENDING", console.PendingCsr.PendingRequestId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) };

    private static async Task AssertProblemAsync(HttpResponseMessage response, string[] types, string who, List<string> mismatches)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            mismatches.Add($"{who}: content type {response.Content.Headers.ContentType}");
            return;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var type = problem.RootElement.GetProperty("type").GetString();
        if (!types.Contains(type) || string.IsNullOrEmpty(problem.RootElement.GetProperty("fix").GetString()))
        {
            mismatches.Add($"{who}: problem {problem.RootElement}");
        }
    }
}
