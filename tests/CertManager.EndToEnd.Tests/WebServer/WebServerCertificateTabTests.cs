using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>The Web Server Certificate tab in a real browser against the real console process.</summary>
public sealed class WebServerCertificateTabTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Tab_SignedInAdministrator_ShowsTheFingerprintThePortPresents()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);

        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync(".sidenav >> text=Web Server");
        await page.WaitForSelectorAsync("[data-field=sha256-fingerprint]");
        var shown = (await page.InnerTextAsync("[data-field=sha256-fingerprint]")).Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("web-server-certificate-tab"), FullPage = true });

        var presented = await TlsProbe.GetPresentedCertificateAsync(console.Port);
        Assert.Equal(TlsProbe.Sha256Fingerprint(presented), shown);
        Assert.Equal("console.example.test", (await page.InnerTextAsync("[data-field=certificate-name]")).Trim());
        Assert.Contains("DNS:localhost", await page.InnerTextAsync("[data-field=alternate-names]"));
        Assert.Contains("IP:127.0.0.1", await page.InnerTextAsync("[data-field=alternate-names]"));
        Assert.Equal("Ok", await page.GetAttributeAsync("[data-field=expiry-level]", "data-level"));
    }

    [Fact]
    public async Task Tab_Anonymous_IsSentToSignIn()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);

        await page.GotoAsync("/security/web-server/certificate");

        Assert.Contains("/account/login", page.Url);
        Assert.True(await page.IsVisibleAsync("#sign-in"));
    }

    [Fact]
    public async Task Users_AdministratorAddsHelpdeskUser_WhoSeesTheTabButNotUsers()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var admin = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(admin, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(admin);

        await admin.ClickAsync(".sidenav >> text=Users");
        await admin.WaitForSelectorAsync("#users");
        await Pages.WaitForInteractiveAsync(admin);
        await admin.FillAsync("#new-user-name", "henry");
        await admin.SelectOptionAsync("#new-user-role", "Helpdesk");
        await admin.FillAsync("#new-user-password", "Henry-initial-password-1");
        await admin.ClickAsync("#create-user");
        await admin.WaitForSelectorAsync("tr[data-user=henry]");

        var helpdesk = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(helpdesk, "henry", "Henry-initial-password-1");
        Assert.Contains("/account/change-password", helpdesk.Url);
        await helpdesk.FillAsync("#current-password", "Henry-initial-password-1");
        await helpdesk.FillAsync("#new-password", "Henry-chosen-password-2");
        await helpdesk.FillAsync("#confirm-password", "Henry-chosen-password-2");
        await helpdesk.ClickAsync("#change-password");
        await helpdesk.WaitForSelectorAsync("[data-field=sha256-fingerprint]");

        Assert.False(await helpdesk.IsVisibleAsync(".sidenav >> text=Users"));
        await helpdesk.GotoAsync("/security/users");
        Assert.Contains("/account/access-denied", helpdesk.Url);
    }
}
