using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman inspect</c> run as a real process over files made by openssl.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("certman-inspect");
    private readonly TestPki _pki = new("Inspect");

    public void Dispose()
    {
        _pki.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task Inspect_MixedPemBundle_ListsCertificatesKeyChainAndProblemsAsJson()
    {
        var (certificatePath, keyPath) = _pki.IssueServer("server.example.test", ["server.example.test", "www.example.test"]);
        // Key first, then the intermediate, then the leaf: the order people paste things in.
        File.WriteAllText(_work.File("bundle.pem"), File.ReadAllText(keyPath) + _pki.IntermediatePem + File.ReadAllText(certificatePath));
        using var leaf = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        using var intermediate = X509CertificateLoader.LoadCertificateFromFile(_pki.IntermediatePath);
        var leafFingerprint = TlsProbe.Sha256Fingerprint(leaf);

        var run = await Certman.RunAsync(_work.Path, "inspect", "bundle.pem", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        var certificates = root.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(2, certificates.Count);
        var first = certificates.Single(c => c.GetProperty("sha256Fingerprint").GetString() == TlsProbe.Sha256Fingerprint(intermediate));
        Assert.Equal("C=CA, O=Inspect PKI, CN=Inspect Issuing CA", first.GetProperty("subject").GetString());
        Assert.True(first.GetProperty("isCertificateAuthority").GetBoolean());
        var server = certificates.Single(c => c.GetProperty("sha256Fingerprint").GetString() == leafFingerprint);
        Assert.Equal("CN=server.example.test", server.GetProperty("subject").GetString());
        Assert.Equal(intermediate.Subject, server.GetProperty("issuer").GetString());
        Assert.Equal(string.Join(':', Convert.FromHexString(leaf.SerialNumber).Select(b => b.ToString("X2"))), server.GetProperty("serialNumber").GetString());
        Assert.Equal(leaf.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), server.GetProperty("notBefore").GetString());
        Assert.Equal(leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), server.GetProperty("notAfter").GetString());
        Assert.Equal("RSA", server.GetProperty("keyAlgorithm").GetString());
        Assert.Equal(2048, server.GetProperty("keySizeBits").GetInt32());
        Assert.Equal(["DNS:server.example.test", "DNS:www.example.test"], server.GetProperty("sans").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("bundle.pem, block 3", server.GetProperty("source").GetString());

        var key = Assert.Single(root.GetProperty("keys").EnumerateArray().ToList());
        Assert.Equal("RSA", key.GetProperty("algorithm").GetString());
        Assert.Equal(2048, key.GetProperty("keySizeBits").GetInt32());
        Assert.Equal(leafFingerprint, key.GetProperty("matchesCertificateSha256").GetString());
        Assert.Equal(leafFingerprint, root.GetProperty("serverCertificate").GetProperty("sha256Fingerprint").GetString());

        // The test root is in no system store: the chain stops at the intermediate, which a warning explains.
        Assert.Equal(
            [("server", leafFingerprint), ("intermediate", TlsProbe.Sha256Fingerprint(intermediate))],
            root.GetProperty("chain").EnumerateArray().Select(l => (l.GetProperty("role").GetString(), l.GetProperty("certificate").GetProperty("sha256Fingerprint").GetString())));
        Assert.False(root.GetProperty("pathValid").GetBoolean());
        Assert.False(root.GetProperty("valid").GetBoolean());
        var problem = root.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "chain.root-not-found");
        Assert.Equal("warning", problem.GetProperty("severity").GetString());
        Assert.Contains("CN=Inspect Root CA", problem.GetProperty("message").GetString());
        Assert.NotEmpty(problem.GetProperty("fix").GetString()!);
        Assert.Contains("warning chain.root-not-found: ", run.StandardError);
    }

    [Fact]
    public async Task Inspect_WithDataDirectory_TrustsTheConsoleRootsAndChangesNothing()
    {
        using var data = new TempDirectory("certman-inspect-data");
        File.WriteAllText(data.File("trusted-roots.pem"), _pki.RootPem);
        var (certificatePath, _) = _pki.IssueServer("server.example.test");
        File.WriteAllText(_work.File("chain.pem"), File.ReadAllText(certificatePath) + _pki.IntermediatePem);

        var run = await Certman.RunAsync(_work.Path, "inspect", "chain.pem", "--data-dir", data.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.True(json.RootElement.GetProperty("pathValid").GetBoolean());
        var top = json.RootElement.GetProperty("chain").EnumerateArray().Last();
        Assert.Equal("root", top.GetProperty("role").GetString());
        Assert.False(top.GetProperty("sent").GetBoolean());
        Assert.Equal("trust store", top.GetProperty("certificate").GetProperty("source").GetString());
        Assert.Equal([data.File("trusted-roots.pem")], Directory.GetFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task Inspect_Pkcs12WithPasswordFromFileOrEnvironment_FindsTheKey()
    {
        var (certificatePath, keyPath) = _pki.IssueServer("server.example.test");
        var pfx = _pki.ExportPkcs12(certificatePath, keyPath, "Secret-1");
        File.WriteAllText(_work.File("password.txt"), "Secret-1\n");

        var fromFile = await Certman.RunAsync(_work.Path, "inspect", pfx, "--password-file", "password.txt", "--json");
        var fromEnvironment = await Certman.RunWithEnvironmentAsync(_work.Path, new Dictionary<string, string> { ["PFX_PASSWORD"] = "Secret-1" }, "inspect", pfx, "--password-env", "PFX_PASSWORD", "--json");
        var wrong = await Certman.RunWithEnvironmentAsync(_work.Path, new Dictionary<string, string> { ["PFX_PASSWORD"] = "wrong" }, "inspect", pfx, "--password-env", "PFX_PASSWORD", "--json");

        foreach (var run in new[] { fromFile, fromEnvironment })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            using var json = JsonDocument.Parse(run.StandardOutput);
            Assert.NotNull(Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray().ToList()).GetProperty("matchesCertificateSha256").GetString());
        }

        // inspect reports what it found; a wrong password is a problem in the report, not a failed command.
        Assert.True(wrong.ExitCode == 0, wrong.ToString());
        Assert.Contains("error import.password-incorrect: ", wrong.StandardError);
    }

    [Theory]
    [InlineData("inspect", "missing.pem")]
    [InlineData("inspect", "bundle.pem", "--password-env", "CERTMAN_TEST_UNSET_VARIABLE")]
    [InlineData("inspect", "bundle.pem", "--password-file", "missing.txt")]
    [InlineData("inspect", "bundle.pem", "--password-file", "password.txt", "--password-env", "X")]
    [InlineData("inspect")]
    public async Task Inspect_UnusableInput_ExitsTwo(params string[] arguments)
    {
        File.WriteAllText(_work.File("bundle.pem"), _pki.IntermediatePem);

        var run = await Certman.RunAsync(_work.Path, arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEqual(string.Empty, run.StandardError.Trim());
    }

    [Fact]
    public async Task Inspect_PasswordAsPlainArgument_RefusedAsUnknownOption()
    {
        var (certificatePath, keyPath) = _pki.IssueServer("server.example.test");
        var pfx = _pki.ExportPkcs12(certificatePath, keyPath, "Secret-1");

        var run = await Certman.RunAsync(_work.Path, "inspect", pfx, "--password", "Secret-1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--password", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Certificate", run.StandardOutput, StringComparison.Ordinal);
    }
}
