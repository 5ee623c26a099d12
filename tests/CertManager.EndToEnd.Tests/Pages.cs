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
    /// <remarks>
    /// Right after the circuit starts, Blazor's InputFile may not have attached its script yet and a choice made in
    /// that moment never reaches the server; like a person, the test then simply chooses the file again.
    /// </remarks>
    public static async Task ChooseFileAsync(IPage page, string slot, string path)
    {
        var listed = page.Locator($"#slot-{slot} .chosen", new() { HasTextString = Path.GetFileName(path) });
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync($"#{slot}-file", path);
            try
            {
                await listed.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "CertManager.EndToEnd.Tests", "bin", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }
}
