using CertManager.Testing;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// The administrator's whole journey in a real browser: generate a CSR in the console, have a CA (openssl) sign it,
/// upload the certificate with the intermediate and the enterprise root, trust that root, install, and see the
/// console's own port present the new certificate and the intermediate without a restart; then uninstall.
/// </summary>
public sealed class CsrToInstallJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Journey_CsrSignedByEnterpriseCa_InstalledWithoutRestartAndUninstalled()
    {
        using var pki = new TestPki("Enterprise");
        await using var console = await ConsoleProcess.StartAsync();
        var defaultFingerprint = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);

        // 1. Generate the CSR with the prefilled host name; the key stays in the console.
        await page.ClickAsync("#generate-csr");
        await page.WaitForSelectorAsync("#csr-form");
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#add-alternate-name");
        await page.FillAsync("#alternate-name-1", "localhost");
        await page.ClickAsync("#generate-csr-submit");
        await page.WaitForSelectorAsync("#csr-pem", new() { Timeout = 60_000 });
        var csrPem = await page.InputValueAsync("#csr-pem");

        // 2. The CA signs it.
        var certificatePath = pki.File("issued.pem");
        await File.WriteAllTextAsync(certificatePath, pki.SignCsr(csrPem));
        var bundlePath = pki.File("bundle.pem");
        await File.WriteAllTextAsync(bundlePath, pki.RootPem + pki.IntermediatePem);

        // 3. Upload without a key: the pending key is found by itself. The root is not trusted yet.
        await page.GotoAsync("/security/web-server/certificate/install");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseFileAsync(page, "certificate", certificatePath);
        await Pages.ChooseFileAsync(page, "intermediates", bundlePath);
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#chain-report");
        Assert.Equal(1, await page.Locator("[data-code='chain.root-untrusted']").CountAsync());
        Assert.Equal(1, await page.Locator("[data-code='bundle.root-dropped']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-code='key.missing']").CountAsync());

        // 4. Trust the enterprise root; the check runs again and the warning is gone.
        await page.ClickAsync("#trust-root");
        await page.ClickAsync("#confirm-trust-root-yes");
        await page.WaitForSelectorAsync("#trust-root-added");
        await page.WaitForSelectorAsync("[data-code='chain.root-untrusted']", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        Assert.Equal(3, await page.Locator(".chain-link").CountAsync());
        // The cards say where each certificate came from, and the dropped root is a note (information), not a warning.
        var root = page.Locator(".chain-link[data-role=Root]");
        Assert.Equal("#3 Root (not sent)", (await root.Locator(".chain-role").InnerTextAsync()).Trim());
        Assert.Equal("Info", await root.GetAttributeAsync("data-worst"));
        Assert.StartsWith("Came from your upload (bundle.pem", (await root.Locator(".chain-origin").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("None", await page.GetAttributeAsync(".chain-link[data-role=Server]", "data-worst"));

        // 5. Install: nothing is left to confirm (the dropped root is only a note).
        Assert.Equal(0, await page.Locator("#confirm-warnings").CountAsync());
        await page.ClickAsync("#install");
        await page.WaitForSelectorAsync("#installed-notice");

        var presented = TlsProbe.GetPresentedChainWithOpenSsl(console.Port, "console.example.test");
        Assert.Equal(2, presented.Count);
        Assert.Equal((await File.ReadAllTextAsync(certificatePath)).Trim(), presented[0].ExportCertificatePem().Trim());
        Assert.Equal(pki.IntermediatePem.Trim(), presented[1].ExportCertificatePem().Trim());
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented[0]), (await page.InnerTextAsync("[data-field=sha256-fingerprint]")).Trim());
        var verify = OpenSsl.TryRun(pki.Directory, "verify", "-CAfile", pki.RootPath, "-untrusted", pki.IntermediatePath, certificatePath);
        Assert.True(verify.ExitCode == 0, verify.StandardError + verify.StandardOutput);

        // The tab says who installed it and sends the intermediate, with its expiry.
        Assert.Contains($"by {ConsoleProcess.AdministratorName}", await page.InnerTextAsync("[data-field=installed]"), StringComparison.Ordinal);
        Assert.Contains("Enterprise Issuing CA", await page.InnerTextAsync("[data-field=chain-sent]"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("[data-field=chain-sent] [data-intermediate] [data-field=expiry-level]").CountAsync());

        // The request is answered: it no longer waits on the CSR page.
        await page.GotoAsync("/security/web-server/certificate/csr");
        await Pages.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("#no-pending");

        // 6. Uninstall: the same self-signed default as before comes back, and the tab says so.
        await page.GotoAsync("/security/web-server/certificate");
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#uninstall");
        await page.ClickAsync("#confirm-uninstall");
        await page.WaitForSelectorAsync("#uninstalled-notice");
        await page.WaitForSelectorAsync("[data-field=origin] >> text=\"Self-signed default certificate\"");
        Assert.Equal(defaultFingerprint, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));

        // 7. Versions: the uninstalled certificate is kept and is presented again from there.
        await page.ClickAsync("#tab-versions");
        var version = page.Locator("[data-version][data-active=false]");
        await version.WaitForAsync();
        await Pages.WaitForInteractiveAsync(page);
        Assert.Contains(ConsoleProcess.AdministratorName, await version.Locator("[data-field=installed]").InnerTextAsync(), StringComparison.Ordinal);
        await version.Locator(".present-again").ClickAsync();
        await page.ClickAsync("#confirm-present-yes");
        await page.WaitForSelectorAsync("#versions-notice");
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented[0]), TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
    }
}
