using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>Upload, check, install and uninstall in a real browser; the port's TLS handshake is the proof.</summary>
public sealed class UploadAndInstallTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Install_CertificateIntermediateAndKeyUploaded_PortPresentsThemWithoutRestartThenUninstallRestoresDefault()
    {
        using var pki = new TestPki("Upload");
        var (certificatePath, keyPath) = pki.IssueServer("console.example.test", ["console.example.test", "localhost"]);
        await using var console = await ConsoleProcess.StartAsync();
        var defaultFingerprint = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("#action-install");
        await page.WaitForSelectorAsync("#certificate-file");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseFileAsync(page, "certificate", certificatePath);
        await Pages.ChooseFileAsync(page, "intermediates", pki.IntermediatePath);
        await Pages.ChooseFileAsync(page, "private-key", keyPath);
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#chain-report");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("upload-chain-report"), FullPage = true });

        Assert.Equal(2, await page.Locator(".chain-link").CountAsync());
        Assert.Equal(1, await page.Locator("[data-code='chain.root-not-found']").CountAsync());
        Assert.True(await page.IsDisabledAsync("#install"));
        await page.CheckAsync("#confirm-warnings");
        await page.ClickAsync("#install");
        await page.WaitForSelectorAsync("#installed-notice");

        var presented = TlsProbe.GetPresentedChainWithOpenSsl(console.Port, "console.example.test");
        Assert.Equal(2, presented.Count);
        Assert.Equal(File.ReadAllText(certificatePath).Trim(), presented[0].ExportCertificatePem().Trim());
        Assert.Equal(pki.IntermediatePem.Trim(), presented[1].ExportCertificatePem().Trim());
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented[0]), (await page.InnerTextAsync("[data-field=sha256-fingerprint]")).Trim());
        Assert.Equal("Third-party certificate", (await page.InnerTextAsync("[data-field=origin] span")).Trim());

        await page.ClickAsync("#uninstall");
        await page.ClickAsync("#confirm-uninstall");
        await page.WaitForSelectorAsync("[data-field=origin] >> text=\"Self-signed default certificate\"");

        Assert.Equal(defaultFingerprint, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
        Assert.Equal(defaultFingerprint, (await page.InnerTextAsync("[data-field=sha256-fingerprint]")).Trim());
    }

    [Fact]
    public async Task Check_KeyOfAnotherCertificate_ShowsKeyMismatchAndKeepsTheCurrentCertificate()
    {
        using var pki = new TestPki("Mismatch");
        var (certificatePath, _) = pki.IssueServer("console.example.test");
        var (_, otherKeyPath) = pki.IssueServer("other.example.test");
        await using var console = await ConsoleProcess.StartAsync();
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);

        await page.GotoAsync("/security/web-server/certificate/install");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseFileAsync(page, "certificate", certificatePath);
        await Pages.ChooseFileAsync(page, "private-key", otherKeyPath);
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#chain-report");

        Assert.Equal(1, await page.Locator("[data-code='key.mismatch']").CountAsync());
        Assert.True(await page.IsVisibleAsync("#cannot-install"));
        Assert.Equal(0, await page.Locator("#install").CountAsync());
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
    }
}
