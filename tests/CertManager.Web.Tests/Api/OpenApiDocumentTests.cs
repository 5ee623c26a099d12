using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertManager.Testing;

namespace CertManager.Web.Tests.Api;

/// <summary>
/// The OpenAPI document the console generates from its endpoints, against the committed docs/openapi-v1.json.
/// After changing the API, run scripts/update-openapi.sh (it sets CERTMANAGER_UPDATE_OPENAPI=1 for this test).
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.SignedInConsole console) : IClassFixture<OpenApiDocumentTests.SignedInConsole>
{
    private static readonly string CommittedPath = Path.Combine(RepositoryPaths.Root, "docs", "openapi-v1.json");

    public sealed class SignedInConsole : IAsyncLifetime
    {
        public ConsoleProcess Process { get; private set; } = default!;

        public ConsoleClient Client { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Process = await ConsoleProcess.StartAsync();
            Client = Process.CreateClient();
            await Client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        }

        public async Task DisposeAsync()
        {
            Client?.Dispose();
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task GetDocument_SignedIn_MatchesCommittedDocument()
    {
        using var response = await console.Client.Http.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var generated = Normalize(await response.Content.ReadAsStringAsync());

        if (Environment.GetEnvironmentVariable("CERTMANAGER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, generated);
        }

        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing; run scripts/update-openapi.sh.");
        var committed = Normalize(await File.ReadAllTextAsync(CommittedPath));
        Assert.True(committed == generated, "docs/openapi-v1.json differs from the document the endpoints generate; run scripts/update-openapi.sh and commit the result.");
    }

    [Fact]
    public async Task GetDocument_Generated_IsOpenApi31WithEveryEndpointAndItsScope()
    {
        using var document = JsonDocument.Parse(await console.Client.Http.GetStringAsync("openapi/v1.json"));
        var root = document.RootElement;

        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var install = root.GetProperty("paths").GetProperty("/api/v1/certificate/install").GetProperty("post");
        Assert.Equal("certificate:write", install.GetProperty("security")[0].GetProperty("bearer")[0].GetString());
        Assert.True(install.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal(29, root.GetProperty("paths").EnumerateObject().Sum(path => path.Value.EnumerateObject().Count()));
    }

    [Fact]
    public async Task GetDocument_Anonymous_RedirectsToSignIn()
    {
        using var anonymous = console.Process.CreateClient();

        using var response = await anonymous.Http.GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReferencePage_SignedIn_ListsEachOperationWithItsScope()
    {
        var page = WebUtility.HtmlDecode(await console.Client.Http.GetStringAsync("api-reference"));

        Assert.Contains("<code>POST /api/v1/certificate/install</code>", page, StringComparison.Ordinal);
        Assert.Contains("<code>GET /api/v1/events</code>", page, StringComparison.Ordinal);
        Assert.Contains("Scope: certificate:write.", page, StringComparison.Ordinal);
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
