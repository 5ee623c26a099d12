using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Security;

/// <summary>
/// Every page of the console under its Content-Security-Policy and Permissions-Policy in Chromium: the circuit starts,
/// the browser blocks nothing and finds nothing to complain about in the policies.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> InteractivePages => new()
    {
        "/security/web-server/certificate",
        "/security/web-server/certificate/csr",
        "/security/web-server/certificate/install",
        "/security/web-server/certificate/scep",
        "/events",
        "/security/users",
        "/settings/alerts",
    };

    [Fact]
    public async Task Pages_UnderTheContentSecurityPolicy_WorkWithoutViolations()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.Contains("Permissions-Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add(error);

        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        foreach (var path in InteractivePages)
        {
            await page.GotoAsync(path);
            await Pages.WaitForInteractiveAsync(page);
        }

        // An interactive form reacts through the circuit: the CSR page's preview follows the typed name.
        await page.GotoAsync("/security/web-server/certificate/csr");
        await Pages.WaitForInteractiveAsync(page);
        await page.FillAsync("#common-name", "csp.example.test");
        await Assertions.Expect(page.Locator("[data-field=preview-subject]")).ToContainTextAsync("CN=csp.example.test");
        await page.GotoAsync("/security/web-server/certificate/export");
        await page.WaitForSelectorAsync("#key-export-form");

        Assert.Empty(violations);
    }
}
