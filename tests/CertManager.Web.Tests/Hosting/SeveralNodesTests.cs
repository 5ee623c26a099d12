using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CertManager.Core.Accounts;
using CertManager.Core.Storage;
using CertManager.Core.Tokens;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// Two real console processes, each with its own data directory and the same master key file, on one PostgreSQL
/// database: what is installed on one is presented by the other, and a sign-in on one is accepted by the other.
/// </summary>
public sealed class SeveralNodesTests(SeveralNodesTests.Nodes nodes) : IClassFixture<SeveralNodesTests.Nodes>
{
    private static readonly TimeSpan SwitchDeadline = TimeSpan.FromSeconds(2);

    private readonly ConsoleProcess _nodeA = nodes.A;
    private readonly ConsoleProcess _nodeB = nodes.B;
    private readonly PostgreSqlDatabase _database = nodes.Database;
    private readonly PostgreSqlServer _postgreSql = nodes.Server;
    private readonly TestPki _pki = nodes.Pki;

    [Fact]
    public async Task Install_OnNodeA_NodeBPresentsItOverTlsWithinTwoSeconds()
    {
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(_nodeB.Port));
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(_nodeA.Port)));
        var (certificatePath, keyPath) = _pki.IssueServer("localhost", ["localhost"]);
        var token = await CreateTokenAsync();
        using var client = _nodeA.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(certificatePath)), "certificate", "server.crt" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(_pki.IntermediatePath)), "intermediates", "chain.pem" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(keyPath)), "privateKey", "server.key" },
            { new StringContent("true"), "confirmWarnings" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/certificate/install") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var installed = TlsProbe.Sha256Fingerprint(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificatePath)));

        using var response = await client.Http.SendAsync(request);
        var elapsed = Stopwatch.StartNew();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var presented = before;
        while (presented != installed && elapsed.Elapsed < SwitchDeadline)
        {
            presented = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(_nodeB.Port));
        }

        Assert.True(presented == installed, $"Node B still presented {presented} {elapsed.Elapsed.TotalMilliseconds:0} ms after node A installed {installed}.\n{_nodeB.Output}");
        Assert.Equal(installed, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(_nodeA.Port)));
    }

    [Fact]
    public async Task SignIn_OnNodeA_CookieIsAcceptedByNodeB()
    {
        using var onA = _nodeA.CreateClient();
        await onA.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        using var onB = _nodeB.CreateClient();
        using var withoutCookie = await onB.Http.GetAsync("security/web-server/certificate");
        onB.Cookies.Add(onA.Cookies.GetCookies(_nodeA.BaseAddress));

        using var withCookie = await onB.Http.GetAsync("security/web-server/certificate");

        Assert.Equal(HttpStatusCode.Redirect, withoutCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Fact]
    public async Task Start_PostgreSqlStore_ConnectionPasswordNeverInTheLogs()
    {
        using var onA = _nodeA.CreateClient();
        await onA.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);

        foreach (var node in new[] { _nodeA, _nodeB })
        {
            var logs = Directory.GetFiles(new DataDirectory(node.DataDirectory).LogsDirectory, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(logs);
            Assert.Contains("PostgreSQL", node.Output + string.Concat(logs.Select(ReadShared)), StringComparison.Ordinal);
            Assert.DoesNotContain(_postgreSql.Password, node.Output, StringComparison.Ordinal);
            Assert.All(logs, log => Assert.DoesNotContain(_postgreSql.Password, ReadShared(log), StringComparison.Ordinal));
        }
    }

    /// <summary>The console keeps its log open; read it without asking for exclusive access.</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>An API token of the first administrator, made through the same service as the profile page, in the shared database.</summary>
    private async Task<string> CreateTokenAsync()
    {
        await using var services = ConsoleSeed.CreateServices(_nodeA.DataDirectory, settings: _database.Settings);
        var administrator = (await services.GetRequiredService<UserAccountService>().ListAsync()).Single(u => u.UserName == ConsoleProcess.AdministratorName);
        var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(
            administrator.Id, new NewApiToken("nodes-test", [ApiScopes.CertificateWrite], administrator.Role, DateTimeOffset.UtcNow.AddDays(1)));
        return created.Succeeded ? created.Value.Value : throw new InvalidOperationException(created.Problems[0].Message);
    }

    /// <summary>One PostgreSQL server and two console nodes on one database for the whole class (starting them is the slow part).</summary>
    public sealed class Nodes : IAsyncLifetime
    {
        private readonly TempDirectory _nodeBData = new("certmanager-node-b");

        public PostgreSqlServer Server { get; } = new();

        public PostgreSqlDatabase Database { get; private set; } = null!;

        public TestPki Pki { get; } = new("Nodes");

        public ConsoleProcess A { get; private set; } = null!;

        public ConsoleProcess B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = Server.CreateDatabase("nodes");
            A = await ConsoleProcess.StartAsync(environment: Database.Environment);
            // Every node gets the same master key: the operator copies master.key (docs/operations.md, "Running several nodes").
            var nodeB = new DataDirectory(_nodeBData.Path);
            nodeB.EnsureCreated();
            File.Copy(new DataDirectory(A.DataDirectory).MasterKeyFile, nodeB.MasterKeyFile);
            B = await ConsoleProcess.StartAsync(_nodeBData.Path, environment: Database.Environment);
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            _nodeBData.Dispose();
            Pki.Dispose();
            Database.Dispose();
            Server.Dispose();
        }
    }
}
