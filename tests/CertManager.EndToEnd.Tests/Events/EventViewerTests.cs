using CertManager.Core.Events;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.Events;

/// <summary>The Event Viewer in a real browser against the real console: filter by severity, acknowledge, the navigation count.</summary>
public sealed class EventViewerTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EventViewer_AdministratorFiltersAndAcknowledges_HelpdeskOnlyViews()
    {
        using var data = new TempDirectory("certmanager-events-e2e");
        await ConsoleSeed.AddUsersAsync(data.Path, ConsoleSeed.OneOfEachRole);
        await SeedEventsAsync(data.Path);
        await using var console = await ConsoleProcess.StartAsync(data.Path);

        var admin = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(admin, ConsoleSeed.Administrator.UserName, ConsoleSeed.Administrator.Password);
        await Pages.WaitForInteractiveAsync(admin);
        Assert.Equal("2", await admin.GetAttributeAsync("#active-events", "data-count"));

        await admin.ClickAsync("#nav-events");
        await admin.WaitForSelectorAsync("#events");
        await Pages.WaitForInteractiveAsync(admin);
        await admin.SelectOptionAsync("#filter-severity", "Minor");
        await admin.WaitForSelectorAsync("#page-status >> text=\"Page 1 of 1 (1 event(s))\"");
        var row = admin.Locator("tr[data-severity=Minor]");
        Assert.Contains("Disk nearly full on the deploy target", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("tr[data-severity=Major]").CountAsync());

        await row.Locator("text=\"Acknowledge\"").ClickAsync();
        await admin.WaitForSelectorAsync("tr[data-severity=Minor] [data-field=acknowledged]");
        Assert.Contains($"Acknowledged by {ConsoleSeed.Administrator.UserName}", await row.InnerTextAsync(), StringComparison.Ordinal);
        await admin.WaitForSelectorAsync("#active-events[data-count=\"1\"]");

        await admin.ClickAsync("#filter-clear");
        await admin.WaitForSelectorAsync("tr[data-severity=Info]");
        await admin.SelectOptionAsync("#filter-source", "expiry");
        await admin.WaitForSelectorAsync("#page-status >> text=\"Page 1 of 1 (1 event(s))\"");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("event-viewer"), FullPage = true });

        var helpdesk = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(helpdesk, ConsoleSeed.Helpdesk.UserName, ConsoleSeed.Helpdesk.Password);
        await helpdesk.GotoAsync("/events");
        await Pages.WaitForInteractiveAsync(helpdesk);
        await helpdesk.WaitForSelectorAsync("tr[data-severity=Major]");
        Assert.Equal(0, await helpdesk.Locator("text=\"Acknowledge\"").CountAsync());
        Assert.Equal(0, await helpdesk.Locator(".sidenav >> text=\"Email Alerts\"").CountAsync());
    }

    private static async Task SeedEventsAsync(string dataDirectory)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        var events = services.GetRequiredService<EventRecorder>();
        await events.RecordAsync(EventSeverity.Info, "install", "Certificate 'CN=shop.example.test' installed.", "alice-admin");
        await events.RecordAsync(EventSeverity.Minor, "install", "Disk nearly full on the deploy target.", EventRecorder.SystemActor);
        await events.RecordAsync(EventSeverity.Major, EventSources.Expiry, "The presented certificate 'CN=old.example.test' expired.", EventRecorder.SystemActor);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
