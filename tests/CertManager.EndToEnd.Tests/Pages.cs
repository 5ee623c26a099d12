using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests;

/// <summary>What a person does on the console's pages, in one place so that tests read as steps.</summary>
internal static class Pages
{
    /// <remarks>
    /// Once in CI, with every test project running at once, a sign-in stayed on the sign-in page for 45 s and its cause
    /// was not recorded. Like a person, the test then tries once more; if that fails too, the failure carries what the
    /// page said, so that the cause is seen.
    /// </remarks>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/");
            await page.FillAsync("#username", userName);
            await page.FillAsync("#password", password);
            await page.ClickAsync("#sign-in");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                Console.Error.WriteLine($"Sign-in stayed on {page.Url}; the page said: {await page.InnerTextAsync("body")}");
            }
            catch (TimeoutException exception)
            {
                throw new TimeoutException($"Sign-in stayed on {page.Url}; the page said: {await page.InnerTextAsync("body")}", exception);
            }
        }
    }

    /// <summary>
    /// Waits until Blazor's interactive circuit is up, so clicks reach .NET handlers rather than prerendered HTML. When it
    /// does not come up, the failure says what the page showed (Blazor's reconnect or error banner among it).
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        try
        {
            await page.WaitForSelectorAsync("main[data-interactive=true]");
        }
        catch (TimeoutException exception)
        {
            var shown = await page.EvaluateAsync<string>(
                "() => [document.querySelector('#components-reconnect-modal, #blazor-error-ui')?.outerHTML ?? 'no reconnect or error banner', (document.body?.innerText ?? '').slice(0, 600)].join('\\n')");
            throw new TimeoutException($"{page.Url} did not become interactive; the page showed:\n{shown}", exception);
        }
    }

    /// <summary>
    /// Chooses a file in one of the upload page's inputs and waits until the page lists it, as a person would before
    /// pressing Check: the browser hands the file to the server asynchronously.
    /// </summary>
    /// <remarks>
    /// A choice made before Blazor's InputFile script has attached to the input never reaches the server, so the test
    /// first waits for that script (it marks the element with <c>_blazorInputFileNextFileId</c>). Under a loaded machine
    /// the round trip to the server can still be slow; like a person, the test then chooses the file again.
    /// </remarks>
    public static Task ChooseFileAsync(IPage page, string slot, string path) =>
        ChooseFileAsync(page, $"#{slot}-file", path, page.Locator($"#slot-{slot} .chosen", new() { HasTextString = Path.GetFileName(path) }));

    /// <summary>Chooses <paramref name="path"/> in the InputFile <paramref name="input"/> until <paramref name="taken"/> shows the server has it.</summary>
    public static async Task ChooseFileAsync(IPage page, string input, string path, ILocator taken)
    {
        await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", input, new() { Timeout = 30_000 });
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync(input, path);
            try
            {
                await taken.WaitForAsync(new() { Timeout = 20_000 });
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
