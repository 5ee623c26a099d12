using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman install</c>, <c>uninstall</c>, <c>versions</c> and <c>activate</c> against the data directory of the
/// real console while it runs; a raw TLS handshake shows what it presents.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallCommandTests : IDisposable
{
    /// <summary>The console polls its active pointer every second; an install must show within two.</summary>
    private static readonly TimeSpan PickUpLimit = TimeSpan.FromSeconds(2);

    /// <summary>certman checks this machine's name, as the console does when no host name is configured.</summary>
    private static readonly string ThisHost = new HostIdentity(configuredHostName: null).FullyQualifiedName;

    private readonly TestPki _pki = new("Install");
    private readonly TempDirectory _data = new("certman-install-data");

    /// <summary>The test root is an enterprise root the console's administrator added to its trust store.</summary>
    public InstallCommandTests() => File.WriteAllText(_data.File("trusted-roots.pem"), _pki.RootPem);

    public void Dispose()
    {
        _data.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Install_WhileConsoleRuns_PresentedWithinTwoSeconds()
    {
        await using var console = await ConsoleProcess.StartAsync(_data.Path);
        var (certificate, key) = Issue("first");

        var run = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var elapsed = await WaitForPresentedAsync(console, Fingerprint(certificate));
        Assert.True(elapsed <= PickUpLimit, $"The console presented the certificate after {elapsed.TotalSeconds:F1} s.");
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(Fingerprint(certificate), json.RootElement.GetProperty("sha256Fingerprint").GetString());
        Assert.Equal("CN=first.example.test", json.RootElement.GetProperty("subject").GetString());
        Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        var sent = TlsProbe.GetPresentedChainWithOpenSsl(console.Port);
        Assert.Equal([Fingerprint(certificate), TlsProbe.Sha256Fingerprint(X509CertificateLoader.LoadCertificateFromFile(_pki.IntermediatePath))], sent.Select(TlsProbe.Sha256Fingerprint));
    }

    [Fact]
    public async Task Install_WarningsNotAccepted_ExitsFourAndPresentedCertificateUnchanged()
    {
        await using var console = await ConsoleProcess.StartAsync(_data.Path);
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        // Valid, but not for this host's name: a warning the administrator must accept.
        var (certificate, key) = _pki.IssueServer("elsewhere.example.test");

        var refused = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--json");

        Assert.True(refused.ExitCode == 4, refused.ToString());
        using (var json = JsonDocument.Parse(refused.StandardOutput))
        {
            var codes = json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
            Assert.Contains("server.host-not-covered", codes);
            Assert.Contains("install.warnings-not-confirmed", codes);
        }

        Assert.Contains("--accept-warnings", refused.StandardError);
        await Task.Delay(PickUpLimit + TimeSpan.FromMilliseconds(500));
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));

        var accepted = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--accept-warnings");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("warning server.host-not-covered: ", accepted.StandardError);
        Assert.True(await WaitForPresentedAsync(console, Fingerprint(certificate)) <= PickUpLimit);
    }

    [Fact]
    public async Task UninstallAndActivate_AfterTwoInstalls_RollBackAndReturnTheDefault()
    {
        await using var console = await ConsoleProcess.StartAsync(_data.Path);
        var defaultFingerprint = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var (first, firstKey) = Issue("first");
        var (second, secondKey) = Issue("second");
        var firstVersion = (await InstallAsync(first, firstKey)).StandardOutput.Trim();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // versions are named by the second they were installed in
        var secondVersion = (await InstallAsync(second, secondKey)).StandardOutput.Trim();
        Assert.True(await WaitForPresentedAsync(console, Fingerprint(second)) <= PickUpLimit);

        var versions = await Certman.RunAsync(_pki.Directory, "versions", "--data-dir", _data.Path, "--json");

        Assert.True(versions.ExitCode == 0, versions.ToString());
        using (var json = JsonDocument.Parse(versions.StandardOutput))
        {
            Assert.Equal(secondVersion, json.RootElement.GetProperty("active").GetString());
            Assert.Equal(
                [(secondVersion, true, Fingerprint(second)), (firstVersion, false, Fingerprint(first))],
                json.RootElement.GetProperty("versions").EnumerateArray().Select(v => (v.GetProperty("version").GetString(), v.GetProperty("active").GetBoolean(), v.GetProperty("sha256Fingerprint").GetString())));
        }

        var rollback = await Certman.RunAsync(_pki.Directory, "activate", "--data-dir", _data.Path, firstVersion);

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(firstVersion, rollback.StandardOutput.Trim());
        Assert.True(await WaitForPresentedAsync(console, Fingerprint(first)) <= PickUpLimit);

        var uninstall = await Certman.RunAsync(_pki.Directory, "uninstall", "--data-dir", _data.Path);

        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Equal("default", uninstall.StandardOutput.Trim());
        Assert.True(await WaitForPresentedAsync(console, defaultFingerprint) <= PickUpLimit);
        Assert.Equal(2, (await Certman.RunAsync(_pki.Directory, "uninstall", "--data-dir", _data.Path)).ExitCode);
        Assert.Equal(2, (await Certman.RunAsync(_pki.Directory, "activate", "--data-dir", _data.Path, "19700101T000000Z-nothing")).ExitCode);
    }

    [Fact]
    public async Task Install_CertificateForCsrFromCertman_FindsThePendingKey()
    {
        var csr = await Certman.RunAsync(_pki.Directory, "csr", "--cn", ThisHost, "--data-dir", _data.Path, "--out", "pending.csr");
        Assert.True(csr.ExitCode == 0, csr.ToString());
        File.WriteAllText(_pki.File("signed.pem"), _pki.SignCsr(File.ReadAllText(_pki.File("pending.csr"))));

        var run = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", "signed.pem", "--chain", _pki.IntermediatePath, "--accept-warnings");

        Assert.True(run.ExitCode == 0, run.ToString());
        var versions = await Certman.RunAsync(_pki.Directory, "versions", "--data-dir", _data.Path);
        Assert.StartsWith("* " + run.StandardOutput.Trim(), versions.StandardOutput);
    }

    [Fact]
    public async Task Install_MissingIntermediateOrWrongKey_ExitsThreeAndInstallsNothing()
    {
        var (certificate, _) = Issue("first");
        var (_, otherKey) = Issue("other");

        var missing = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--key", otherKey, "--json");

        Assert.True(missing.ExitCode == 3, missing.ToString());
        using var json = JsonDocument.Parse(missing.StandardOutput);
        var errors = json.RootElement.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error").Select(p => p.GetProperty("code").GetString());
        Assert.Equal(["chain.issuer-missing", "key.mismatch"], errors.Order(StringComparer.Ordinal));
        Assert.Equal(string.Empty, (await Certman.RunAsync(_pki.Directory, "versions", "--data-dir", _data.Path)).StandardOutput);
    }

    [Fact]
    public async Task Install_DataDirectoryMissing_ExitsOne()
    {
        var (certificate, key) = Issue("first");

        var run = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.File("missing"), "--cert", certificate, "--key", key);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error cli.data-directory-missing: ", run.StandardError);
    }

    /// <summary>A server certificate for <paramref name="label"/>.example.test that also covers this host, so that installing it has no warning.</summary>
    private (string Certificate, string Key) Issue(string label) =>
        _pki.IssueServer($"{label}.example.test", [$"{label}.example.test", ThisHost, "console.example.test"]);

    private Task<Certman.Outcome> InstallAsync(string certificate, string key) =>
        Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key);

    private static string Fingerprint(string certificatePath) =>
        TlsProbe.Sha256Fingerprint(X509CertificateLoader.LoadCertificateFromFile(certificatePath));

    /// <summary>Handshakes until the console presents <paramref name="fingerprint"/>; returns how long that took (up to twice the limit).</summary>
    private static async Task<TimeSpan> WaitForPresentedAsync(ConsoleProcess console, string fingerprint)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < PickUpLimit * 2)
        {
            using var presented = await TlsProbe.GetPresentedCertificateAsync(console.Port);
            if (TlsProbe.Sha256Fingerprint(presented) == fingerprint)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }
}
