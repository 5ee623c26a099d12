using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright. Browser downloads are not possible here, so the system browser is
/// launched with the flags that keep it from reaching the network on its own. Playwright gives every launch a fresh,
/// empty user-data directory of its own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install the Debian package 'chromium' (scripts/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (cookies, storage) that accepts the console's self-signed certificate.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            BaseURL = baseAddress.ToString(),
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: CI runs every test project at once on a small machine, and a slow step is not a failed one.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
