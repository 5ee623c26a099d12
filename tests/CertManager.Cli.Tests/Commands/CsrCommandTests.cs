using System.Runtime.Versioning;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Csr;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman csr</c> run as a real process; openssl is the referee for what it writes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CsrCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("certman-csr");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Csr_FullRequest_OpenSslVerifiesSubjectAndAlternateNames()
    {
        var run = await Certman.RunAsync(
            _work.Path,
            "csr", "--cn", "server.example.com", "--san", "www.example.com", "--san", "192.168.1.10",
            "--country", "ca", "--state", "Ontario", "--locality", "Toronto", "--org", "Example Inc.", "--ou", "IT",
            "--key-out", "server.key", "--out", "server.csr");

        Assert.True(run.ExitCode == 0, run.ToString());
        var verify = OpenSsl.TryRun(_work.Path, "req", "-verify", "-noout", "-in", "server.csr");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.OrdinalIgnoreCase);
        var subject = OpenSsl.Run(_work.Path, "req", "-in", "server.csr", "-noout", "-subject", "-nameopt", "RFC2253");
        Assert.Equal("subject=CN=server.example.com,OU=IT,O=Example Inc.,L=Toronto,ST=Ontario,C=CA", subject.Trim());
        var text = OpenSsl.Run(_work.Path, "req", "-in", "server.csr", "-noout", "-text");
        Assert.Contains("DNS:server.example.com, DNS:www.example.com, IP Address:192.168.1.10", text);
        Assert.Contains("Public-Key: (2048 bit)", text);
        Assert.Contains("sha256WithRSAEncryption", text);
    }

    [Fact]
    public async Task Csr_NoOutFile_WritesCsrToStdoutAndWarningsToStderr()
    {
        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--state", "ON", "--key-out", "server.key", "--hash", "sha384");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", run.StandardOutput);
        Assert.EndsWith("-----END CERTIFICATE REQUEST-----\n", run.StandardOutput);
        var warning = CsrErrors.Abbreviated(CsrField.State, "ON");
        Assert.Contains($"warning {warning.Code}: {warning.Message} Fix: {warning.Fix}", run.StandardError);
        File.WriteAllText(_work.File("stdout.csr"), run.StandardOutput);
        Assert.Contains("sha384WithRSAEncryption", OpenSsl.Run(_work.Path, "req", "-in", "stdout.csr", "-noout", "-text"));
    }

    [Theory]
    [InlineData("https://server.example.com/")]
    [InlineData("bad name.example.com")]
    [InlineData("192.168.1.10")]
    public async Task Csr_InvalidCommonName_ExitsTwoWithValidatorProblems(string commonName)
    {
        var expected = CsrRequestValidator.Validate(new CsrForm { CommonName = commonName }).Problems;

        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", commonName);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(expected);
        foreach (var problem in expected)
        {
            Assert.Contains($"error {problem.Code}: {problem.Message} Fix: {problem.Fix}", run.StandardError);
        }

        Assert.Equal(string.Empty, run.StandardOutput);
        Assert.Empty(Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task Csr_InvalidKeySize_ExitsTwoWithValidatorMessage()
    {
        var problem = CsrErrors.KeySizeInvalid(1024, allowEcdsa: true);

        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--key-size", "1024");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error {problem.Code}: {problem.Message} Fix: {problem.Fix}", run.StandardError);
    }

    [Theory]
    [InlineData("csr", "--cn", "server.example.com", "--hash", "md5")]
    [InlineData("csr", "--san", "server.example.com")]
    [InlineData("csr", "--cn", "server.example.com", "--data-dir", ".", "--key-out", "x.key")]
    public async Task Csr_UnusableCommandLine_ExitsTwoWithNothingOnStdout(params string[] arguments)
    {
        var run = await Certman.RunAsync(_work.Path, arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        Assert.NotEqual(string.Empty, run.StandardError.Trim());
    }

    [Fact]
    public async Task Csr_WithDataDirectory_StoresPendingRequestLikeTheConsole()
    {
        using var data = new TempDirectory("certman-data");

        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--san", "www.example.com", "--key-size", "3072", "--data-dir", data.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var id = json.RootElement.GetProperty("pendingRequestId").GetInt64();
        Assert.False(json.RootElement.TryGetProperty("keyFile", out _));
        await using (var services = ConsoleSeed.CreateServices(data.Path))
        {
            var store = services.GetRequiredService<PendingRequestStore>();
            var pending = Assert.Single(await store.ListPendingAsync());
            Assert.Equal(id, pending.Id);
            Assert.Equal($"cli:{Environment.UserName}", pending.CreatedBy);
            Assert.Equal("CN=server.example.com", pending.Subject);
            Assert.Equal(3072, pending.KeySizeBits);
            Assert.Equal(json.RootElement.GetProperty("publicKeySha256").GetString(), pending.PublicKeySha256);
            Assert.Equal(["DNS:server.example.com", "DNS:www.example.com"], pending.AlternateNames.Select(name => name.ToString()));
            Assert.Equal(json.RootElement.GetProperty("csrPem").GetString()!.Trim(), (await store.GetCsrPemAsync(id)).Value.Trim());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task Csr_MissingDataDirectory_ExitsOneAndCreatesNothing()
    {
        var missing = _work.File("no-such-console");

        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--data-dir", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error cli.data-directory-missing:", run.StandardError);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Csr_Standalone_WritesPrivateKeyMode0600MatchingTheCsr()
    {
        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--key-out", "server.key", "--out", "server.csr");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_work.File("server.key")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", File.ReadAllText(_work.File("server.key")));
        var fromCsr = OpenSsl.Run(_work.Path, "req", "-in", "server.csr", "-noout", "-pubkey");
        var fromKey = OpenSsl.Run(_work.Path, "pkey", "-in", "server.key", "-pubout");
        Assert.Equal(fromKey.Trim(), fromCsr.Trim());
        Assert.Contains(_work.File("server.key"), run.StandardError);
    }

    [Fact]
    public async Task Csr_StandaloneWithoutKeyOut_WritesCommonNameKeyInWorkingDirectory()
    {
        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "*.example.com", "--out", "wildcard.csr");

        Assert.True(run.ExitCode == 0, run.ToString());
        var key = _work.File("_.example.com.key");
        Assert.True(File.Exists(key), run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task Csr_ExistingKeyFile_ExitsOneAndLeavesItUntouched()
    {
        File.WriteAllText(_work.File("server.key"), "an earlier key");

        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--key-out", "server.key");

        Assert.Equal(1, run.ExitCode);
        var problem = CsrErrors.KeyFileExists(_work.File("server.key"));
        Assert.Contains($"error {problem.Code}: {problem.Message} Fix: {problem.Fix}", run.StandardError);
        Assert.Equal("an earlier key", File.ReadAllText(_work.File("server.key")));
        Assert.Equal(string.Empty, run.StandardOutput);
    }

    [Fact]
    public async Task Csr_Json_ParsesWithKeyFileSubjectSansAndWarnings()
    {
        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "server.example.com", "--san", "10.0.0.5", "--key-out", "server.key", "--hash", "sha512", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(_work.File("server.key"), root.GetProperty("keyFile").GetString());
        Assert.False(root.TryGetProperty("pendingRequestId", out _));
        Assert.Equal("CN=server.example.com", root.GetProperty("subject").GetString());
        Assert.Equal(["DNS:server.example.com", "IP:10.0.0.5"], root.GetProperty("sans").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("RSA", root.GetProperty("keyAlgorithm").GetString());
        Assert.Equal(2048, root.GetProperty("keySizeBits").GetInt32());
        Assert.Equal("sha512WithRSAEncryption", root.GetProperty("signatureAlgorithm").GetString());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", root.GetProperty("publicKeySha256").GetString());
        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", root.GetProperty("csrPem").GetString());
        var warning = Assert.Single(root.GetProperty("warnings").EnumerateArray());
        Assert.Equal("csr.alternate-name-ip-address", warning.GetProperty("code").GetString());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrEmpty(warning.GetProperty("fix").GetString()));

        File.WriteAllText(_work.File("json.csr"), root.GetProperty("csrPem").GetString());
        Assert.Equal(0, OpenSsl.TryRun(_work.Path, "req", "-verify", "-noout", "-in", "json.csr").ExitCode);
    }

    [Fact]
    public async Task Csr_JsonWithInvalidRequest_PrintsProblemsAsJson()
    {
        var run = await Certman.RunAsync(_work.Path, "csr", "--cn", "", "--json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(CsrErrors.CommonNameRequired.Code, problem.GetProperty("code").GetString());
        Assert.Equal(CsrErrors.CommonNameRequired.Message, problem.GetProperty("message").GetString());
        Assert.Equal("error", problem.GetProperty("severity").GetString());
    }
}
