using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Layout;

/// <summary>The Email Alerts page on the sweep's console, whose SMTP server is down: errors by their fields, the outbox in view.</summary>
[Collection(PageSweepCollection.Name)]
public sealed class EmailAlertsPageTests(PageSweepFixture sweep)
{
    [Fact]
    public async Task EmailAlerts_BadSenderAndServerDown_ErrorBesideTheFieldAndWaitingAlertRetried()
    {
        var page = await sweep.Browser.NewPageAsync(sweep.Console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleSeed.Administrator.UserName, ConsoleSeed.Administrator.Password);
        await page.GotoAsync("/settings/alerts");
        await Pages.WaitForInteractiveAsync(page);

        // The MAJOR event of the seed waits in the outbox; sent now, it fails again and says why.
        var waiting = page.Locator("#outbox tr[data-outbox]").First;
        await waiting.WaitForAsync();
        await page.ClickAsync("#retry-now");
        await page.WaitForSelectorAsync("#alerts-status >> text=still wait");
        await Assertions.Expect(waiting.Locator("[data-field=last-error]")).Not.ToHaveTextAsync("not tried yet");

        await page.FillAsync("#smtp-sender", "not an address");
        await page.ClickAsync("#save-alerts");
        var beside = page.Locator("#smtp-sender + .validation-message");
        await Assertions.Expect(beside).ToContainTextAsync("not an email address");
        Assert.Equal(0, await page.Locator(".problems [data-code='alerts.sender-invalid']").CountAsync());
    }

    [Fact]
    public async Task Webhooks_AddedOnThePage_SendTestReachesTheReceiverAndRemoveTakesItAway()
    {
        using var receiver = new WebhookReceiver();
        receiver.Start();
        var page = await sweep.Browser.NewPageAsync(sweep.Console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleSeed.Administrator.UserName, ConsoleSeed.Administrator.Password);
        await page.GotoAsync("/settings/alerts");
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("#add-webhook > summary");
        await page.FillAsync("#webhook-name", "page-added");
        await page.FillAsync("#webhook-url", receiver.Url("page"));
        await page.FillAsync("#webhook-secret", "page-secret");
        await page.ClickAsync("#add-webhook-submit");
        await Assertions.Expect(page.Locator("#webhook-status")).ToContainTextAsync("Webhook 'page-added' added");
        await Assertions.Expect(page.Locator("tr[data-webhook='page-added']")).ToContainTextAsync("this page");

        await page.ClickAsync("#send-test-webhook-page-added");
        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("/page", request.Path);
        Assert.StartsWith("sha256=", request.Headers["X-CertManager-Signature"], StringComparison.Ordinal);
        Assert.DoesNotContain("page-secret", await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#remove-webhook-page-added");
        await page.ClickAsync("#confirm-remove-webhook-yes");
        await Assertions.Expect(page.Locator("#webhook-status")).ToContainTextAsync("Webhook 'page-added' removed");
        Assert.Equal(0, await page.Locator("tr[data-webhook='page-added']").CountAsync());
    }
}
