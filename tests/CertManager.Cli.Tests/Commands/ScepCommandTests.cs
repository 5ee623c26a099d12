using CertManager.Cli.Tests.Support;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman scep</c> against Debian's scepserver on loopback.</summary>
public sealed class ScepCommandTests
{
    [Fact]
    public async Task CaCaps_Scepserver_PrintsCapabilitiesAlgorithmsAndCaFingerprint()
    {
        using var scep = ScepServer.Start();
        using var ca = scep.CaCertificate;
        using var directory = new TempDirectory();

        var outcome = await Certman.RunAsync(directory.Path, "scep", "cacaps", "--url", scep.Url);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("SCEPStandard", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Algorithms: SHA-256, AES-128-CBC, POST", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(TlsProbe.Sha256Fingerprint(ca), outcome.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaCaps_WrongPath_ExitsOneWithNotFound()
    {
        using var scep = ScepServer.Start();
        using var directory = new TempDirectory();

        var outcome = await Certman.RunAsync(directory.Path, "scep", "cacaps", "--url", $"http://127.0.0.1:{scep.Port}/nothing-here");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error scep.not-found:", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_ScepserverClientOnlyCertificateEvenWithAcceptWarnings_IsRefusedAndNothingIsInstalled()
    {
        // scepserver grants clientAuth only: installing it would lock browsers out, so the chain doctor's error blocks it.
        using var scep = ScepServer.Start();
        using var ca = scep.CaCertificate;
        using var directory = new TempDirectory();
        using var data = new TempDirectory();
        File.WriteAllText(directory.File("challenge"), scep.Challenge + "\n");

        var outcome = await Certman.RunAsync(
            directory.Path, "scep", "enroll", "--url", scep.Url, "--cn", "console.example.test", "--ca-fingerprint", TlsProbe.Sha256Fingerprint(ca),
            "--data-dir", data.Path, "--challenge-file", directory.File("challenge"), "--accept-warnings");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("error server.no-server-auth:", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(scep.Challenge, outcome.StandardError + outcome.StandardOutput, StringComparison.Ordinal);
        await using var services = ConsoleSeed.CreateServices(data.Path);
        var store = (CertificateStore)services.GetService(typeof(CertificateStore))!;
        Assert.Equal(CertificateStore.DefaultVersion, store.ReadActiveVersion());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Enroll_WrongChallenge_ExitsOneWithTheRejection()
    {
        using var scep = ScepServer.Start(challenge: "the-right-one");
        using var directory = new TempDirectory();
        using var data = new TempDirectory();
        File.WriteAllText(directory.File("challenge"), "wrong-password");

        using var ca = scep.CaCertificate;

        var outcome = await Certman.RunAsync(
            directory.Path, "scep", "enroll", "--url", scep.Url, "--cn", "console.example.test", "--ca-fingerprint", TlsProbe.Sha256Fingerprint(ca),
            "--data-dir", data.Path, "--challenge-file", directory.File("challenge"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error scep.rejected-bad-request:", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_PlainHttpWithoutCaFingerprint_RefusedBeforeContactingTheCa()
    {
        using var scep = ScepServer.Start();
        using var directory = new TempDirectory();
        using var data = new TempDirectory();
        File.WriteAllText(directory.File("challenge"), scep.Challenge + "\n");

        var outcome = await Certman.RunAsync(directory.Path, "scep", "enroll", "--url", scep.Url, "--cn", "console.example.test", "--data-dir", data.Path, "--challenge-file", directory.File("challenge"));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("error scep.fingerprint-required:", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("--ca-fingerprint", outcome.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "certmanager.db")));
    }

    [Fact]
    public async Task CaCaps_CaRedirects_RedirectNotFollowed()
    {
        using var target = CannedHttpResponder.Oversized(16, announceLength: true);
        using var redirecting = CannedHttpResponder.Redirecting(target.Url + "?operation=GetCACaps");
        using var directory = new TempDirectory();

        var outcome = await Certman.RunAsync(directory.Path, "scep", "cacaps", "--url", redirecting.Url);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("302", outcome.StandardError, StringComparison.Ordinal);
        Assert.Single(redirecting.Requests);
        Assert.Empty(target.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CaCaps_AnswerLargerThanOneMebibyte_RefusedWithoutReadingItAll(bool announceLength)
    {
        using var huge = CannedHttpResponder.Oversized(64L * 1024 * 1024, announceLength);
        using var directory = new TempDirectory();

        var outcome = await Certman.RunAsync(directory.Path, "scep", "cacaps", "--url", huge.Url);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error scep.answer-too-large:", outcome.StandardError, StringComparison.Ordinal);
    }
}
