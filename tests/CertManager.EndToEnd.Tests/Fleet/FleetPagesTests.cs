using System.Diagnostics;
using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Fleet;

/// <summary>
/// An edge console and a follower console in a real browser: the edge's administrator makes a pairing code on
/// "Servers behind this proxy", the follower's administrator pastes it on "Follow the certificate of a proxy", a
/// certificate installed on the edge (by certman, as a script would) reaches the follower's HTTPS port, and both pages
/// show them in sync.
/// </summary>
public sealed class FleetPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> ConsoleSettings = new()
    {
        ["CertManager__Fleet__PollInterval"] = "00:00:01",
        ["CertManager__Fleet__LongPollWait"] = "00:00:20",
    };

    /// <summary>Pairing makes an RSA-3072 key and an ECDSA key and a round trip: seconds, far more on a loaded CI machine.</summary>
    private const float PairingTimeout = 120_000;

    [Fact]
    public async Task PairThroughPages_CertificateInstalledOnEdge_BothPagesShowFollowerInSync()
    {
        using var pki = new TestPki("FleetPages");
        using var edgeData = new TempDirectory("fleet-pages-edge");
        using var followerData = new TempDirectory("fleet-pages-follower");
        File.WriteAllText(edgeData.File("trusted-roots.pem"), pki.RootPem);
        File.WriteAllText(followerData.File("trusted-roots.pem"), pki.RootPem);
        var started = await Task.WhenAll(
            ConsoleProcess.StartAsync(edgeData.Path, environment: ConsoleSettings),
            ConsoleProcess.StartAsync(followerData.Path, environment: ConsoleSettings));
        await using var edge = started[0];
        await using var follower = started[1];

        var edgePage = await browser.NewPageAsync(edge.BaseAddress);
        await Pages.SignInAsync(edgePage, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await edgePage.GotoAsync("/security/servers-behind-proxy");
        await Pages.WaitForInteractiveAsync(edgePage);
        await edgePage.FillAsync("#edge-address", edge.BaseAddress.AbsoluteUri);
        await edgePage.ClickAsync("#make-pair-code");
        await edgePage.WaitForSelectorAsync("#pair-code", new() { Timeout = PairingTimeout });
        var code = await edgePage.Locator("#pair-code").InputValueAsync();

        var followerPage = await browser.NewPageAsync(follower.BaseAddress);
        await Pages.SignInAsync(followerPage, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await followerPage.GotoAsync("/security/follow-proxy");
        await Pages.WaitForInteractiveAsync(followerPage);
        await followerPage.FillAsync("#pairing-code", code);
        await followerPage.FillAsync("#server-name", "app-1");
        await followerPage.ClickAsync("#follow-proxy");
        await followerPage.WaitForSelectorAsync("#following", new() { Timeout = PairingTimeout });
        await edgePage.WaitForSelectorAsync("tr[data-follower] >> text=app-1", new() { Timeout = PairingTimeout });

        var (fingerprint, notAfter) = await InstallOnEdgeAsync(pki, edgeData.Path);

        // The edge's page updates by itself when the follower reports.
        await edgePage.WaitForSelectorAsync($"tr[data-state=InSync] [data-field=presented] >> text=\"{fingerprint}\"", new() { Timeout = 60_000 });
        await edgePage.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fleet-edge-in-sync"), FullPage = true });
        Assert.Equal(fingerprint, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(follower.Port)));
        await followerPage.ReloadAsync();
        await followerPage.WaitForSelectorAsync($"[data-field=installed] >> text=\"{fingerprint}\"");
        await followerPage.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fleet-follower-in-sync"), FullPage = true });
        Assert.Equal("In sync", (await edgePage.InnerTextAsync("tr[data-follower] [data-field=state]")).Trim());
        Assert.Matches(@"^\d+(\.\d)? s$|^\d+ min \d+ s$", (await edgePage.InnerTextAsync("tr[data-follower] [data-field=took]")).Trim());
        // The expiry of what the server presents, from its signed report, with the same levels as the tab.
        var expiry = await edgePage.InnerTextAsync("tr[data-follower] [data-field=presented-expiry]");
        Assert.Contains($"{(int)Math.Floor((notAfter - DateTimeOffset.UtcNow).TotalDays)} day(s) left", expiry, StringComparison.Ordinal);
        Assert.Contains(notAfter.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), expiry, StringComparison.Ordinal);
        Assert.Equal("Ok", await edgePage.GetAttributeAsync("tr[data-follower] [data-field=expiry-level]", "data-level"));
    }

    /// <summary>Installs a new certificate on the edge with certman, as a script would; returns its fingerprint and expiry.</summary>
    private static async Task<(string Fingerprint, DateTimeOffset NotAfter)> InstallOnEdgeAsync(TestPki pki, string edgeDataDirectory)
    {
        var (certificate, key) = pki.IssueServer("console.example.test");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["CertManager__HostName"] = "console.example.test";
        foreach (var argument in new[] { RepositoryPaths.CliAssemblyPath, "install", "--data-dir", edgeDataDirectory, "--cert", certificate, "--chain", pki.IntermediatePath, "--key", key, "--accept-warnings" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"certman install: exit {process.ExitCode}\n{await output}\n{await error}");
        using var issued = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificate));
        return (TlsProbe.Sha256Fingerprint(issued), new DateTimeOffset(issued.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
