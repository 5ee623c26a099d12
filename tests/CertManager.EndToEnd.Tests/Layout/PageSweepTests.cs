using System.Collections.Concurrent;
using CertManager.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Layout;

/// <summary>
/// Visits every page as each role at a laptop's and a phone's size in a real browser against one real console, and
/// fails on what a person would see as broken: a page that scrolls sideways, an element running out of its panel, a
/// script error, or a serious accessibility fault found by axe-core. Screenshots of every page are written under
/// the test output directory (screenshots/sweep) to be looked at.
/// </summary>
[Collection(PageSweepCollection.Name)]
public sealed class PageSweepTests(PageSweepFixture sweep)
{
    public static TheoryData<string> Roles => ["anonymous", "Administrator", "Operator", "Helpdesk"];

    private static readonly (string Name, int Width, int Height)[] Viewports = [("desktop", 1366, 900), ("phone", 390, 844)];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_EachViewport_FitsHasNoErrorsAndPassesAxe(string role)
    {
        var faults = new ConcurrentQueue<string>();
        await Task.WhenAll(Viewports.Select(viewport => SweepAsync(role, viewport, faults)));

        Assert.True(faults.IsEmpty, string.Join('\n', faults));
    }

    private async Task SweepAsync(string role, (string Name, int Width, int Height) viewport, ConcurrentQueue<string> faults)
    {
        await using var context = await sweep.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            BaseURL = sweep.Console.BaseAddress.ToString(),
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);
        var where = $"{role} {viewport.Width}x{viewport.Height}";

        if (role == "anonymous")
        {
            await page.GotoAsync("/account/login");
            await CheckAsync(page, new SweptPage("login", "/account/login", Interactive: false), $"{where}", viewport.Name, role, errors, faults);
            // Nothing to navigate to yet, and the first password was configured: no one-time password in the log.
            Expect(await page.Locator("#sidenav").CountAsync() == 0, $"{where} /account/login: shows the navigation before sign-in", faults);
            Expect(await page.Locator("#first-start-hint").CountAsync() == 0, $"{where} /account/login: mentions a one-time password although the password was configured", faults);
            return;
        }

        var user = ConsoleSeed.OneOfEachRole.Single(u => u.Role.ToString() == role);
        await Pages.SignInAsync(page, user.UserName, user.Password);
        if (viewport.Width < 760)
        {
            // On a phone the navigation folds behind the Menu button.
            await Pages.WaitForInteractiveAsync(page);
            Expect(!await page.IsVisibleAsync("#sidenav"), $"{where}: the navigation is open before Menu is pressed", faults);
            await page.ClickAsync("#nav-toggle");
            Expect(await page.IsVisibleAsync("#sidenav .item"), $"{where}: Menu does not open the navigation", faults);
            await page.Keyboard.PressAsync("Escape");
            Expect(!await page.IsVisibleAsync("#sidenav"), $"{where}: Escape does not close the navigation", faults);
        }
        foreach (var swept in SweptPage.SignedIn.Where(p => role == "Administrator" || !p.AdministratorOnly))
        {
            try
            {
                var response = await page.GotoAsync(swept.Path);
                Expect(response?.Status == (swept.Name == "not-found" ? 404 : 200), $"{where} {swept.Path}: answered {response?.Status}", faults);
                if (swept.Interactive)
                {
                    await Pages.WaitForInteractiveAsync(page);
                }

                await page.Locator("h1").First.WaitForAsync();
                await CheckAsync(page, swept, where, viewport.Name, role, errors, faults);
            }
            catch (PlaywrightException e)
            {
                // One page that does not open must not hide what the sweep finds on the others.
                faults.Enqueue($"{where} {swept.Path}: {e.Message.Split('\n')[0]}");
            }
        }
    }

    private static void Expect(bool condition, string fault, ConcurrentQueue<string> faults)
    {
        if (!condition)
        {
            faults.Enqueue(fault);
        }
    }

    private static async Task CheckAsync(IPage page, SweptPage swept, string where, string viewportName, string role, ConcurrentQueue<string> errors, ConcurrentQueue<string> faults)
    {
        var at = $"{where} {swept.Path}";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(role, viewportName, swept.Name), FullPage = true });
        foreach (var fault in await page.EvaluateAsync<string[]>(LayoutProbe.Script))
        {
            faults.Enqueue($"{at}: {fault}");
        }

        // On a laptop's screen every table fits: a column off to the side (the Event Viewer's State) is missed.
        if (viewportName == "desktop")
        {
            foreach (var table in await page.EvaluateAsync<string[]>(LayoutProbe.ScrollingTablesScript))
            {
                faults.Enqueue($"{at}: the table {table} needs sideways scrolling at this width");
            }
        }

        var axe = await page.RunAxe();
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            faults.Enqueue($"{at}: axe {violation.Impact} {violation.Id}: {violation.Help} [{targets}]");
        }

        // The not-found page is answered with 404, which the browser reports about the document itself.
        while (errors.TryDequeue(out var error))
        {
            if (!(swept.Name == "not-found" && error.Contains("404", StringComparison.Ordinal)))
            {
                faults.Enqueue($"{at}: console error {error}");
            }
        }
    }

    private static string ScreenshotPath(string role, string viewport, string page)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots", "sweep");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{role.ToLowerInvariant()}-{viewport}-{page}.png");
    }
}
