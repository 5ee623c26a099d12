using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests;

/// <summary>What a person does on the console's pages, in one place so that tests read as steps.</summary>
internal static class Pages
{
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Waits until Blazor's interactive circuit is up, so clicks reach .NET handlers rather than prerendered HTML.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("main[data-interactive=true]");

    /// <summary>
    /// Chooses a file in one of the upload page's inputs and waits until the page lists it, as a person would before
    /// pressing Check: the browser hands the file to the server asynchronously.
    /// </summary>
    public static async Task ChooseFileAsync(IPage page, string slot, string path)
    {
        await page.SetInputFilesAsync($"#{slot}-file", path);
        await page.Locator($"#slot-{slot} .chosen", new() { HasTextString = Path.GetFileName(path) }).WaitForAsync();
    }

    public static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "CertManager.EndToEnd.Tests", "bin", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }
}
