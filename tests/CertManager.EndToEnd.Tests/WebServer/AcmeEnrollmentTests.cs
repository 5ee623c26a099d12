using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// 'Obtain a certificate from an ACME CA' in a real browser against pebble: the console answers http-01 on its HTTP
/// port (pebble's httpPort), the issued chain goes through the chain doctor, and the port's TLS handshake is the proof.
/// </summary>
public sealed class AcmeEnrollmentTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Obtain_Http01ByTheConsole_InstallsRenewsInstallsAHeldRenewalAndManagesTheAccount()
    {
        var httpPort = FreePort.Next();
        using var dns = ChallengeTestServer.Start();
        using var pebble = PebbleServer.Start(new PebbleSettings { HttpPort = httpPort, DnsServer = dns.DnsAddress });
        using var data = new TempDirectory();
        File.WriteAllText(data.File("pebble-tls.pem"), pebble.TlsCertificate.ExportCertificatePem());
        await ConsoleSeed.TrustRootAsync(data.Path, await pebble.GetRootPemAsync());
        await using var console = await ConsoleProcess.StartAsync(
            data.Path, environment: new Dictionary<string, string> { ["CertManager__Acme__TrustedCertificatesFile"] = data.File("pebble-tls.pem") }, httpPort: httpPort);
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("text=\"Obtain a certificate from an ACME CA\"");
        await page.WaitForSelectorAsync("#acme-form");
        await Pages.WaitForInteractiveAsync(page);
        Assert.Equal("console.example.test", await page.InputValueAsync("#common-name"));

        await page.SelectOptionAsync("#preset", string.Empty);
        await page.FillAsync("#directory-url", pebble.DirectoryUrl.AbsoluteUri);
        await page.ClickAsync("#read-directory");
        await page.WaitForSelectorAsync("#terms-link");
        Assert.StartsWith("data:", await page.GetAttributeAsync("#terms-link", "href"), StringComparison.Ordinal);
        await page.FillAsync("#email", "admin@example.test");
        await page.CheckAsync("#agree-terms");
        await page.ClickAsync("#obtain");
        await page.WaitForSelectorAsync("#chain-report", new PageWaitForSelectorOptions { Timeout = 120_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("acme-issued"), FullPage = true });

        Assert.Equal(
            ["OrderCreated", "ChallengePublished", "ChallengeValidated", "Finalizing", "Issued", "Downloaded"],
            await page.Locator(".acme-step").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.step)"));
        if (await page.Locator("#confirm-warnings").CountAsync() > 0)
        {
            await page.CheckAsync("#confirm-warnings");
        }

        await page.ClickAsync("#install");
        await page.WaitForSelectorAsync("#installed-notice");
        var presented = await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test");
        Assert.Contains("Pebble Intermediate", presented.Issuer, StringComparison.Ordinal);
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented), (await page.InnerTextAsync("[data-field=sha256-fingerprint]")).Trim());
        Assert.Equal($"ACME: {pebble.DirectoryUrl}", (await page.InnerTextAsync("[data-field=renewal-source]")).Trim());

        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#renew-now");
        await page.WaitForSelectorAsync("#renewal-outcome", new PageWaitForSelectorOptions { Timeout = 120_000 });

        Assert.StartsWith("Renewed and installed", (await page.InnerTextAsync("#renewal-outcome")).Trim(), StringComparison.Ordinal);
        var renewed = await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test");
        Assert.NotEqual(presented.SerialNumber, renewed.SerialNumber);
        Assert.Contains("Pebble Intermediate", renewed.Issuer, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#install-held").CountAsync());

        await page.UncheckAsync("#renewal-auto-install");
        await page.WaitForSelectorAsync("#renewal-outcome >> text=wait here");
        Assert.Equal("held for your confirmation", (await page.InnerTextAsync("[data-field=renewal-install]")).Trim());
        await page.ClickAsync("#renew-now");
        await page.WaitForSelectorAsync("#install-held", new PageWaitForSelectorOptions { Timeout = 120_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("acme-renewal-held"), FullPage = true });
        Assert.StartsWith("Renewed, held", (await page.InnerTextAsync("#renewal-outcome")).Trim(), StringComparison.Ordinal);
        Assert.Equal(renewed.SerialNumber, (await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test")).SerialNumber);

        await page.ClickAsync("#install-held");
        await page.WaitForSelectorAsync("#renewal-outcome >> text=Installed the held certificate", new PageWaitForSelectorOptions { Timeout = 120_000 });

        var installedHeld = await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test");
        Assert.NotEqual(renewed.SerialNumber, installedHeld.SerialNumber);
        Assert.Contains("Pebble Intermediate", installedHeld.Issuer, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#install-held").CountAsync());
        Assert.Equal("held for your confirmation", (await page.InnerTextAsync("[data-field=renewal-install]")).Trim());

        // The account card: key rollover (RFC 8555 §7.3.5), then deactivation (§7.3.6) signed with the new key, which
        // pebble accepts only if the rollover registered it.
        var keyBefore = await AccountKeyAsync(data.Path);
        await page.GotoAsync("/security/web-server/certificate/acme");
        await page.WaitForSelectorAsync("#acme-accounts .acme-account");
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#acme-accounts .rollover-key");
        await page.WaitForSelectorAsync("#confirm-account");
        await page.ClickAsync("#confirm-account-no");
        await page.Locator("#confirm-account").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(keyBefore, await AccountKeyAsync(data.Path));
        await page.ClickAsync("#acme-accounts .rollover-key");
        await page.ClickAsync("#confirm-account-yes");
        await page.WaitForSelectorAsync("#account-outcome >> text=new key");
        Assert.NotEqual(keyBefore, await AccountKeyAsync(data.Path));

        await page.ClickAsync("#acme-accounts .deactivate-account");
        await page.ClickAsync("#confirm-account-yes");
        await page.WaitForSelectorAsync("#account-outcome >> text=deactivated");
        await page.WaitForSelectorAsync("[data-field=account-status] >> text=deactivated");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("acme-account-deactivated"), FullPage = true });
        Assert.Equal("deactivated", (await page.InnerTextAsync("[data-field=account-status]")).Trim());
        Assert.Equal(0, await page.Locator("#acme-accounts .rollover-key").CountAsync());
    }

    private static async Task<string> AccountKeyAsync(string dataDirectory)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        try
        {
            var accounts = await services.GetRequiredService<CertManager.Core.Enrollment.AcmeStore>().ListAccountsAsync();
            using var account = Assert.Single(accounts);
            return Convert.ToHexString(account.KeyPkcs8);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Obtain_TermsNotAgreed_SaysSoAndKeepsTheCurrentCertificate()
    {
        using var pebble = PebbleServer.Start();
        using var data = new TempDirectory();
        File.WriteAllText(data.File("pebble-tls.pem"), pebble.TlsCertificate.ExportCertificatePem());
        await using var console = await ConsoleProcess.StartAsync(data.Path, environment: new Dictionary<string, string> { ["CertManager__Acme__TrustedCertificatesFile"] = data.File("pebble-tls.pem") });
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await page.GotoAsync("/security/web-server/certificate/acme");
        await page.WaitForSelectorAsync("#acme-form");
        await Pages.WaitForInteractiveAsync(page);

        await page.SelectOptionAsync("#preset", string.Empty);
        await page.FillAsync("#directory-url", pebble.DirectoryUrl.AbsoluteUri);
        await page.ClickAsync("#obtain");
        await page.WaitForSelectorAsync("[data-code='acme.terms-not-agreed']");

        Assert.Equal(0, await page.Locator("#chain-report").CountAsync());
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
    }
}
