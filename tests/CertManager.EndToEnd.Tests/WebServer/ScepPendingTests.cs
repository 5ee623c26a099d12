using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// A SCEP enrollment the CA puts on hold, in a real browser against <see cref="PendingScepResponder"/>, our test
/// responder (Debian's scepserver cannot answer PENDING or CertPoll): the SCEP page says it is kept, the Installed
/// certificate tab shows it waiting for approval, and Cancel ends it.
/// </summary>
public sealed class ScepPendingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Enroll_CaAnswersPending_TabShowsItWaitingAndCancelEndsIt()
    {
        using var responder = new PendingScepResponder();
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#action-scep");
        await page.WaitForSelectorAsync("#scep-form");
        await Pages.WaitForInteractiveAsync(page);

        await page.FillAsync("#ca-address", $"127.0.0.1:{responder.Port}");
        await page.FillAsync("#uri-path", "/scep");
        await page.FillAsync("#enrollment-password", "pending-challenge");
        await page.ClickAsync("#contact-ca");
        await page.CheckAsync("#confirm-ca");
        await page.ClickAsync("#enroll");
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
}
