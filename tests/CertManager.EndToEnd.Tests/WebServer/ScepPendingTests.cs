using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// A SCEP enrollment the CA puts on hold, in a real browser against <see cref="PendingScepResponder"/>, our test
/// responder (Debian's scepserver cannot answer PENDING or CertPoll): the SCEP page says it is kept, the Installed
/// certificate tab shows it waiting for approval, and Cancel ends it. A SCEP certificate's "Renew now" with renewals
/// set to wait: the renewal is held on the tab and installed from there.
/// </summary>
public sealed class ScepPendingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Enroll_CaAnswersPending_TabShowsItWaitingAndCancelEndsIt()
    {
        using var responder = new PendingScepResponder();
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await EnrollOnTheScepPageAsync(page, responder, "pending-challenge");
        await page.WaitForSelectorAsync("#scep-pending");

        Assert.Equal("waiting", await page.GetAttributeAsync(".scep-step:last-child", "data-state"));
        Assert.Equal(0, await page.Locator("[data-code='scep.pending-not-supported']").CountAsync());
        await page.ClickAsync("#pending-tab-link");
        var transaction = page.Locator("[data-scep-transaction]");
        await transaction.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("scep-pending-tab"), FullPage = true });

        Assert.Equal("Pending", await transaction.GetAttributeAsync("data-status"));
        Assert.Equal("Waiting for approval by the CA administrator", (await transaction.Locator("h3").InnerTextAsync()).Trim());
        Assert.Equal("CN=console.example.test", (await transaction.Locator("[data-field=subject]").InnerTextAsync()).Trim());
        Assert.Contains("Pending Test CA", await transaction.Locator("[data-field=ca]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("by admin", await transaction.Locator("[data-field=started]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEmpty((await transaction.Locator("[data-field=next-poll]").InnerTextAsync()).Trim());

        await page.ClickAsync("[id^=cancel-scep-]");
        await page.ClickAsync("#confirm-cancel-scep-yes");
        await page.WaitForSelectorAsync("[data-scep-transaction]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(0, responder.PollCount);
    }

    [Fact]
    public async Task RenewNow_ScepCertificateSetToWait_HeldOnTheTabAndInstalledFromThere()
    {
        using var responder = new PendingScepResponder { OnRequest = PendingScepResponder.Answer.Issue };
        using var data = new TempDirectory();
        using (var ca = responder.CaCertificate)
        {
            await ConsoleSeed.TrustRootAsync(data.Path, ca.ExportCertificatePem());
        }

        await using var console = await ConsoleProcess.StartAsync(data.Path);
        var page = await browser.NewPageAsync(console.BaseAddress);
        // Three key generations and SCEP round trips on a machine shared with other builds: waits as long as that takes.
        page.SetDefaultTimeout(60_000);
        await EnrollOnTheScepPageAsync(page, responder, "renewal-challenge");
        await page.WaitForSelectorAsync("#chain-report");
        await page.ClickAsync("#install");
        try
        {
            await page.WaitForSelectorAsync("#installed-notice");
        }
        catch (TimeoutException timeout)
        {
            // What the page said instead, for the report.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("scep-renewal-first-install"), FullPage = true });
            throw new TimeoutException($"Not installed; the page shows: {string.Join(" | ", await page.Locator("[data-code]").AllInnerTextsAsync())}", timeout);
        }

        await page.WaitForSelectorAsync("[data-field=renewal-source]");

        await Pages.WaitForInteractiveAsync(page);
        Assert.Equal($"SCEP: {responder.Url}", (await page.InnerTextAsync("[data-field=renewal-source]")).Trim());
        using var first = await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test");

        await page.UncheckAsync("#renewal-auto-install");
        await page.WaitForSelectorAsync("[data-field=renewal-install]:has-text('held for your confirmation')");
        await page.ClickAsync("#renew-now");
        await page.WaitForSelectorAsync("#renewal-outcome:has-text('Renewed, held')");

        Assert.Equal("17", responder.Seen[^1].MessageType);
        Assert.Equal("Issued", await page.GetAttributeAsync("[data-field=scep-renewal-state]", "data-status"));
        // The list of SCEP enrollments shows it at its next refresh (every 10 s).
        var held = page.Locator("[data-scep-transaction][data-status=Issued]");
        await held.WaitForAsync();
        await Pages.WaitForInteractiveAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("scep-renewal-held"), FullPage = true });
        Assert.Equal("Renewal: Issued by the CA: waiting for you to install it", (await held.Locator("h3").InnerTextAsync()).Trim());
        Assert.StartsWith("Renewed, held: this certificate is set to wait for confirmation", (await held.Locator("[data-field=held-because]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await held.Locator("[id^=install-scep-]").ClickAsync();
        await page.WaitForSelectorAsync("[data-scep-transaction]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });

        using var renewed = await TlsProbe.GetPresentedCertificateAsync(console.Port, "console.example.test");
        Assert.NotEqual(TlsProbe.Sha256Fingerprint(first), TlsProbe.Sha256Fingerprint(renewed));
        Assert.Contains("Pending Test CA", renewed.Issuer, StringComparison.Ordinal);
        Assert.Contains("held for your confirmation", await page.InnerTextAsync("[data-field=renewal-install]"), StringComparison.Ordinal);
    }

    /// <summary>Signs in as the administrator and sends an enrollment to the responder from the SCEP page.</summary>
    private static async Task EnrollOnTheScepPageAsync(IPage page, PendingScepResponder responder, string password)
    {
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#action-scep");
        await page.WaitForSelectorAsync("#scep-form");
        await Pages.WaitForInteractiveAsync(page);
        await page.FillAsync("#ca-address", $"127.0.0.1:{responder.Port}");
        await page.FillAsync("#uri-path", "/scep");
        await page.FillAsync("#enrollment-password", password);
        await page.ClickAsync("#contact-ca");
        await page.CheckAsync("#confirm-ca");
        await page.ClickAsync("#enroll");
    }
}
