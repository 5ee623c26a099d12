using System.Net;
using System.Net.Http.Headers;
using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Security;

/// <summary>
/// An administrator creates an API token on the profile page: it is shown once, works with exactly the scopes chosen,
/// and stops working when revoked on the same page.
/// </summary>
public sealed class ApiTokensPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApiTokens_CreatedOnProfilePage_ShownOnceWorksWithItsScopeAndRevokes()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await page.GotoAsync("/profile/api-tokens");
        await Pages.WaitForInteractiveAsync(page);

        await page.FillAsync("#token-name", "monitoring");
        await page.CheckAsync("#scope-certificate-read");
        await page.ClickAsync("#create-token");
        var token = await page.InputValueAsync("#new-token-value");
        var row = page.Locator("#api-tokens tr[data-token]", new() { HasTextString = "monitoring" });
        await Assertions.Expect(row).ToContainTextAsync("certificate:read");
        await Assertions.Expect(row).ToContainTextAsync("Active");

        using var api = console.CreateClient();
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("api/v1/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync("api/v1/settings/alerts")).StatusCode);

        // Shown once: after a reload the page lists the token but no longer holds its value.
        await page.ReloadAsync();
        await Pages.WaitForInteractiveAsync(page);
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);

        await row.Locator("button", new() { HasTextString = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.GetAsync("api/v1/certificate")).StatusCode);
    }
}
