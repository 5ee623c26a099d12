using System.IO.Compression;
using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// The proxy operator's round trip: download the bundle from one console, install it on another, both through the
/// browser; raw TLS handshakes on both ports prove they present the same certificate.
/// </summary>
public sealed class ExportRoundTripTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PfxPassword = "Round-trip-pfx-1";

    [Fact]
    public async Task Export_ZipThenPfxFromConsoleA_InstalledOnConsoleB_BothPortsPresentTheSameCertificate()
    {
        using var pki = new TestPki("RoundTrip");
        using var work = new TempDirectory("certmanager-roundtrip");
        using var dataA = new TempDirectory("certmanager-console-a");
        var (certificatePath, keyPath) = pki.IssueServer("shop.example.test", ["shop.example.test", "localhost"]);
        await ConsoleSeed.AddUsersAsync(dataA.Path, [ConsoleSeed.Operator]);
        ConsoleSeed.InstallCertificate(dataA.Path, certificatePath, keyPath, pki.IntermediatePath);
        await using var consoleA = await ConsoleProcess.StartAsync(dataA.Path);
        await using var consoleB = await ConsoleProcess.StartAsync();
        var presentedByA = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(consoleA.Port));
        Assert.NotEqual(presentedByA, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(consoleB.Port)));

        // Console A: the operator downloads the ZIP, then the PFX.
        var pageA = await browser.NewPageAsync(consoleA.BaseAddress);
        await Pages.SignInAsync(pageA, ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
        await Pages.WaitForInteractiveAsync(pageA);
        await pageA.ClickAsync("#action-export");
        await pageA.WaitForSelectorAsync("#key-export-form");
        Assert.Equal(0, await pageA.Locator("#self-signed-warning").CountAsync());
        Assert.Equal(presentedByA, (await pageA.InnerTextAsync("[data-field=export-fingerprint]")).Trim());

        await pageA.CheckAsync("#format-zip");
        await pageA.FillAsync("#account-password", ConsoleSeed.Operator.Password);
        await pageA.ClickAsync("#prepare-download");
        await pageA.WaitForSelectorAsync("#export-ready");
        var zipDownload = await pageA.RunAndWaitForDownloadAsync(() => pageA.ClickAsync("#download"));
        Assert.Equal("shop.example.test.zip", zipDownload.SuggestedFilename);
        var zipPath = work.File("shop.example.test.zip");
        await zipDownload.SaveAsAsync(zipPath);
        var unzipped = Path.Combine(work.Path, "unzipped");
        ZipFile.ExtractToDirectory(zipPath, unzipped);

        // The ticket is spent: the page says the download is done and offers another instead of a dead button.
        await pageA.WaitForSelectorAsync("#export-done", new() { State = WaitForSelectorState.Visible });
        Assert.False(await pageA.IsVisibleAsync("#download"));
        await pageA.ClickAsync("#export-another");
        await pageA.WaitForSelectorAsync("#key-export-form");
        await pageA.CheckAsync("#format-pfx-modern");
        await pageA.FillAsync("#pfx-password", PfxPassword);
        await pageA.FillAsync("#pfx-password-confirm", PfxPassword);
        await pageA.FillAsync("#account-password", ConsoleSeed.Operator.Password);
        await pageA.ClickAsync("#prepare-download");
        await pageA.WaitForSelectorAsync("#export-ready");
        await pageA.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("export-ready"), FullPage = true });
        var pfxDownload = await pageA.RunAndWaitForDownloadAsync(() => pageA.ClickAsync("#download"));
        Assert.Equal("shop.example.test.pfx", pfxDownload.SuggestedFilename);
        var pfxPath = work.File("shop.example.test.pfx");
        await pfxDownload.SaveAsAsync(pfxPath);

        // Console B: its default certificate is exportable with a warning; then install from the unzipped files.
        var pageB = await browser.NewPageAsync(consoleB.BaseAddress);
        await Pages.SignInAsync(pageB, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await pageB.GotoAsync("/security/web-server/certificate/export");
        Assert.True(await pageB.IsVisibleAsync("#self-signed-warning [data-code='export.self-signed-default']"));

        await InstallAsync(pageB, certificate: Path.Combine(unzipped, "shop.example.test.crt"), intermediates: Path.Combine(unzipped, "shop.example.test.intermediates.crt"), key: Path.Combine(unzipped, "shop.example.test.key"), password: null);
        AssertSamePresentedChain(consoleA.Port, consoleB.Port, presentedByA);

        // Back to the default, then the PFX alone.
        await pageB.ClickAsync("#uninstall");
        await pageB.ClickAsync("#confirm-uninstall");
        await pageB.WaitForSelectorAsync("[data-field=origin] >> text=\"Self-signed default certificate\"");
        Assert.NotEqual(presentedByA, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(consoleB.Port)));

        await InstallAsync(pageB, certificate: pfxPath, intermediates: null, key: null, password: PfxPassword);
        AssertSamePresentedChain(consoleA.Port, consoleB.Port, presentedByA);
        Assert.Equal(presentedByA, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(consoleB.Port)));
    }

    [Fact]
    public async Task Export_Helpdesk_DownloadsCertificateAndChainOnlyAndSeesNoKeyForm()
    {
        using var work = new TempDirectory("certmanager-helpdesk-export");
        using var data = new TempDirectory("certmanager-console-helpdesk");
        await ConsoleSeed.AddUsersAsync(data.Path, [ConsoleSeed.Helpdesk]);
        await using var console = await ConsoleProcess.StartAsync(data.Path);
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleSeed.Helpdesk.UserName, ConsoleSeed.Helpdesk.Password);
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("text=\"Download the current web server certificate\"");
        await page.WaitForSelectorAsync("#download-public");
        Assert.Equal(0, await page.Locator("#key-export-form").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-public"));

        Assert.Equal("console.example.test.certificate-and-chain.zip", download.SuggestedFilename);
        var zipPath = work.File(download.SuggestedFilename);
        await download.SaveAsAsync(zipPath);
        using var archive = ZipFile.OpenRead(zipPath);
        Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".key", StringComparison.Ordinal));
        Assert.Contains(archive.Entries, e => e.FullName == "console.example.test.crt");
    }

    private static async Task InstallAsync(IPage page, string certificate, string? intermediates, string? key, string? password)
    {
        await page.GotoAsync("/security/web-server/certificate/install");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseFileAsync(page, "certificate", certificate);
        if (intermediates is not null)
        {
            await Pages.ChooseFileAsync(page, "intermediates", intermediates);
        }

        if (key is not null)
        {
            await Pages.ChooseFileAsync(page, "private-key", key);
        }

        if (password is not null)
        {
            await page.FillAsync("#upload-password", password);
        }

        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#chain-report");
        Assert.Equal(2, await page.Locator(".chain-link").CountAsync());
        if (await page.Locator("#confirm-warnings").CountAsync() > 0)
        {
            await page.CheckAsync("#confirm-warnings");
        }

        await page.ClickAsync("#install");
        await page.WaitForSelectorAsync("#installed-notice");
    }

    private static void AssertSamePresentedChain(int portA, int portB, string expectedFingerprint)
    {
        var chainA = TlsProbe.GetPresentedChainWithOpenSsl(portA, "shop.example.test");
        var chainB = TlsProbe.GetPresentedChainWithOpenSsl(portB, "shop.example.test");
        Assert.Equal(2, chainB.Count);
        Assert.Equal(expectedFingerprint, TlsProbe.Sha256Fingerprint(chainB[0]));
        Assert.Equal(chainA.Select(TlsProbe.Sha256Fingerprint), chainB.Select(TlsProbe.Sha256Fingerprint));
    }
}
