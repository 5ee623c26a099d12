using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Events;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman export</c> run as a real process over a console's data directory; openssl reads what it writes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ExportCommandTests : IDisposable
{
    private const string PfxPassword = "Cli-pfx-password-1";

    private readonly TempDirectory _work = new("certman-export");
    private readonly TempDirectory _data = new("certman-export-data");
    private readonly TestPki _pki = new("CliExport");

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Export_Zip_WritesBundleWhoseKeyMatchesTheCertificateAsMode0600AndRecordsIt()
    {
        Install();

        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "zip");

        Assert.True(run.ExitCode == 0, run.ToString());
        var zip = _work.File("shop.example.test.zip");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(zip));
        ZipFile.ExtractToDirectory(zip, _work.Path);
        Assert.Equal(
            OpenSsl.Run(_work.Path, "x509", "-in", "shop.example.test.crt", "-noout", "-pubkey"),
            OpenSsl.Run(_work.Path, "pkey", "-in", "shop.example.test.key", "-pubout"));
        Assert.Contains("private key", run.StandardError, StringComparison.Ordinal);

        await using var services = ConsoleSeed.CreateServices(_data.Path);
        var recorded = (await services.GetRequiredService<EventRecorder>().ListRecentAsync(10)).First(e => e.Source == "export");
        Assert.StartsWith("cli:", recorded.Actor, StringComparison.Ordinal);
        Assert.Contains("zip", recorded.Message, StringComparison.Ordinal);
        Assert.NotNull(recorded.CertificateFingerprint);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Export_PfxPasswordFromEnvironment_OpenSslReadsModernProfile()
    {
        Install();

        var run = await Certman.RunWithAsync(_work.Path, new Dictionary<string, string> { ["EXPORT_PFX_PASSWORD"] = PfxPassword }, null,
            "export", "--data-dir", _data.Path, "--format", "pfx", "--password-env", "EXPORT_PFX_PASSWORD", "--out", "bundle.pfx");

        Assert.True(run.ExitCode == 0, run.ToString());
        var info = OpenSsl.TryRun(_work.Path, "pkcs12", "-info", "-noout", "-in", "bundle.pfx", "-passin", $"pass:{PfxPassword}").EnsureSuccess();
        Assert.Contains("AES-256-CBC", info.StandardError + info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("MAC: sha256", info.StandardError + info.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CompatiblePfxPasswordFromFile_OpenSslReadsItWithLegacy()
    {
        Install();
        File.WriteAllText(_work.File("pfx-password.txt"), PfxPassword + "\n");

        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "pfx", "--pfx-profile", "compatible", "--password-file", "pfx-password.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        var info = OpenSsl.TryRun(_work.Path, "pkcs12", "-info", "-noout", "-legacy", "-in", "shop.example.test.pfx", "-passin", $"pass:{PfxPassword}").EnsureSuccess();
        Assert.Contains("3-KeyTripleDES", info.StandardError + info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("MAC: sha1", info.StandardError + info.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PfxPasswordPipedOnStdin_Accepted()
    {
        Install();

        var run = await Certman.RunWithAsync(_work.Path, null, PfxPassword + "\n", "export", "--data-dir", _data.Path, "--format", "pfx");

        Assert.True(run.ExitCode == 0, run.ToString());
        OpenSsl.Run(_work.Path, "pkcs12", "-info", "-noout", "-in", "shop.example.test.pfx", "-passin", $"pass:{PfxPassword}");
    }

    [Theory]
    [InlineData("--password")]
    [InlineData("--pfx-password")]
    [InlineData("--passout")]
    public async Task Export_PasswordAsPlainArgument_RefusedAndNothingWritten(string option)
    {
        Install();

        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "pfx", option, PfxPassword);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task Export_PfxWithoutAnyPasswordSource_PasswordMissing()
    {
        Install();

        var run = await Certman.RunWithAsync(_work.Path, null, string.Empty, "export", "--data-dir", _data.Path, "--format", "pfx");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cli.pfx-password-missing", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task Export_PfxPasswordTooShort_RefusedWithCode()
    {
        Install();

        var run = await Certman.RunWithAsync(_work.Path, new Dictionary<string, string> { ["SHORT"] = "abc" }, null,
            "export", "--data-dir", _data.Path, "--format", "pfx", "--password-env", "SHORT");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("export.pfx-password-too-short", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PemWithJson_CertificateAndChainWithoutKey()
    {
        Install();

        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "pem", "--out", "public.zip", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(_work.File("public.zip"), json.RootElement.GetProperty("file").GetString());
        Assert.Equal("pem", json.RootElement.GetProperty("format").GetString());
        Assert.False(json.RootElement.GetProperty("includesPrivateKey").GetBoolean());
        Assert.Equal("CN=shop.example.test", json.RootElement.GetProperty("subject").GetString());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", json.RootElement.GetProperty("sha256Fingerprint").GetString());
        using var archive = ZipFile.OpenRead(_work.File("public.zip"));
        Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".key", StringComparison.Ordinal));
        Assert.Contains(archive.Entries, e => e.FullName == "shop.example.test.fullchain.crt");
    }

    [Fact]
    public async Task Export_OutputExists_NotReplaced()
    {
        Install();
        File.WriteAllText(_work.File("shop.example.test.zip"), "keep me");

        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "zip");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cli.output-exists", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(_work.File("shop.example.test.zip")));
    }

    [Fact]
    public async Task Export_PfxProfileWithZip_InvalidInput()
    {
        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "zip", "--pfx-profile", "compatible");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format pfx only", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SelfSignedDefault_ExportedWithWarning()
    {
        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _data.Path, "--format", "zip", "--out", "default.zip");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning export.self-signed-default", run.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(_work.File("default.zip")));
    }

    [Fact]
    public async Task Export_MissingDataDirectory_Failure()
    {
        var run = await Certman.RunAsync(_work.Path, "export", "--data-dir", _work.File("nowhere"), "--format", "pem");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cli.data-directory-missing", run.StandardError, StringComparison.Ordinal);
    }

    private void Install()
    {
        var (certificatePath, keyPath) = _pki.IssueServer("shop.example.test");
        ConsoleSeed.InstallCertificate(_data.Path, certificatePath, keyPath, _pki.IntermediatePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
