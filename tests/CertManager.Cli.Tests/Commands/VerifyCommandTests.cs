using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman verify</c>: the verdict is the exit code (0 valid, 3 not), the reasons are the problem codes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class VerifyCommandTests : IDisposable
{
    private readonly TestPki _pki = new("Verify");
    private readonly string _certificate;

    public VerifyCommandTests() => (_certificate, _) = _pki.IssueServer("server.example.test");

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Verify_ValidChainWithTrustedRoot_ExitsZeroWithoutProblems()
    {
        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", _pki.RootPath, "--host", "server.example.test", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(["server", "intermediate", "root"], json.RootElement.GetProperty("chain").EnumerateArray().Select(l => l.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Verify_AfterTheLeafExpired_ExitsThreeWithServerExpired()
    {
        using var leaf = X509CertificateLoader.LoadCertificateFromFile(_certificate);
        var at = leaf.NotAfter.ToUniversalTime().AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", _pki.RootPath, "--host", "server.example.test", "--at", at, "--json");

        Assert.True(run.ExitCode == 3, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(at, json.RootElement.GetProperty("validatedAt").GetString());
        Assert.Equal(["chain.server-expired"], Errors(json));
        Assert.Contains("error chain.server-expired: ", run.StandardError);
    }

    /// <summary>A trust bundle of hundreds of roots (this machine's Mozilla bundle with the test root added) is read whole.</summary>
    [Fact]
    public async Task Verify_TrustBundleOfHundredsOfRoots_ExitsZero()
    {
        var bundle = _pki.File("mozilla-and-test-root.pem");
        File.WriteAllText(bundle, File.ReadAllText("/etc/ssl/certs/ca-certificates.crt") + _pki.RootPem);

        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", bundle, "--host", "server.example.test", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Verify_WithoutTheIntermediate_ExitsThreeWithIssuerMissing()
    {
        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--trust", _pki.RootPath, "--host", "server.example.test", "--json");

        Assert.True(run.ExitCode == 3, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.False(json.RootElement.GetProperty("pathValid").GetBoolean());
        Assert.Equal(["chain.issuer-missing"], Errors(json));
    }

    [Fact]
    public async Task Verify_TrustOnlyAnotherRoot_ExitsThree()
    {
        using var other = new TestPki("Other");

        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", other.RootPath, "--host", "server.example.test");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("invalid", run.StandardOutput);
    }

    [Fact]
    public async Task Verify_HostNotCovered_ExitsThreeWithTheErrorNamingTheHost()
    {
        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", _pki.RootPath, "--host", "other.example.test");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error server.host-not-covered: The name 'other.example.test' is not among the certificate's names (DNS:server.example.test)", run.StandardError);
    }

    [Fact]
    public async Task Verify_HostAsHexadecimalAddress_ExitsThreeWithHostInvalid()
    {
        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", _pki.RootPath, "--host", "0x7f.0.0.1");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error server.host-invalid: '0x7f.0.0.1'", run.StandardError);
    }

    [Fact]
    public async Task Verify_WithoutHost_ThisMachinesUncoveredNameIsOnlyAWarning()
    {
        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, "--chain", _pki.IntermediatePath, "--trust", _pki.RootPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning server.host-not-covered:", run.StandardError);
    }

    [Fact]
    public async Task Verify_CnNotAmongTheNames_IsAnErrorUnderASystemRootAndInformationUnderAnEnterpriseRoot()
    {
        var (leaf, _) = _pki.IssueServer("cn.example.test", ["server.example.test"]);
        string[] arguments = ["verify", "--cert", leaf, "--chain", _pki.IntermediatePath, "--host", "server.example.test", "--json"];

        // The system's roots are OpenSSL's store, which .NET reads from SSL_CERT_FILE: here the test root alone.
        var asPublic = await Certman.RunWithEnvironmentAsync(_pki.Directory, new Dictionary<string, string> { ["SSL_CERT_FILE"] = _pki.RootPath, ["SSL_CERT_DIR"] = _pki.Directory }, arguments);
        var asEnterprise = await Certman.RunAsync(_pki.Directory, [.. arguments, "--trust", _pki.RootPath]);

        Assert.True(asPublic.ExitCode == 3, asPublic.ToString());
        using var publicJson = JsonDocument.Parse(asPublic.StandardOutput);
        Assert.Equal("public", publicJson.RootElement.GetProperty("profile").GetString());
        Assert.Equal(["server.cn-not-in-san"], Errors(publicJson));
        Assert.True(asEnterprise.ExitCode == 0, asEnterprise.ToString());
        using var enterpriseJson = JsonDocument.Parse(asEnterprise.StandardOutput);
        Assert.Equal("enterprise", enterpriseJson.RootElement.GetProperty("profile").GetString());
        var problem = Assert.Single(enterpriseJson.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "server.cn-not-in-san");
        Assert.Equal("info", problem.GetProperty("severity").GetString());
        Assert.StartsWith("CA/B Forum BR §7.1.4.3", problem.GetProperty("citation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--at", "next tuesday")]
    [InlineData("--trust", "missing.pem")]
    [InlineData("--trust", "empty.pem")]
    [InlineData("--chain", "missing.pem")]
    public async Task Verify_UnusableInput_ExitsTwo(string option, string value)
    {
        File.WriteAllText(Path.Combine(_pki.Directory, "empty.pem"), "no certificate here\n");

        var run = await Certman.RunAsync(_pki.Directory, "verify", "--cert", _certificate, option, value, "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
    }

    private static List<string?> Errors(JsonDocument json) =>
        [.. json.RootElement.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error").Select(p => p.GetProperty("code").GetString())];
}
