using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Opens --circuits pages of the Web Server Certificate tab, signed in, in one headless Chromium (each page a Blazor
// circuit that then stays idle), and prints one tab-separated line per --step pages: pages open, the console's RSS in
// MB, and the median and slowest time to interactive (ms) of the pages opened in that step. Every --per-browser pages
// come from a new browser context (its own cookies and connections, as another person's browser): Chromium carries
// all of one browser's requests to a site, WebSockets included, on one HTTP/2 connection and opens at most 256 streams
// on it, so one browser cannot hold many more than 250 circuits of one console whatever the server allows.
var options = CertManager.LoadTest.Circuits.ArgsReader.Read(args);
var rssBefore = Rss(options.Pid);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Timeout = options.TimeoutSeconds * 1000f,
    Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", $"--renderer-process-limit={options.Renderers}",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    ],
});
IBrowserContext? context = null;
// What the page in hand said and did, printed when a step fails: a hang is otherwise only a timeout.
var trail = new Queue<string>();
var stage = "starting";
IPage? current = null;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"circuits\trss_mb\ttti_median_ms\ttti_max_ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"0\t{rssBefore:0.0}\t-\t-"));
var pages = new List<IPage>();
try
{
    while (pages.Count < options.Circuits)
    {
        var times = new List<double>();
        for (var i = 0; i < options.Step && pages.Count < options.Circuits; i++)
        {
            if (pages.Count % options.PerBrowser == 0)
            {
                stage = $"signing in a browser context for page {pages.Count + 1}";
                context = await SignedInContextAsync(browser, options, page => Watch(page));
            }

            stage = $"opening page {pages.Count + 1}";
            var page = Watch(await context!.NewPageAsync());
            var watch = Stopwatch.StartNew();
            await page.GotoAsync("/security/web-server/certificate");
            stage = $"waiting for page {pages.Count + 1} to become interactive";
            await page.WaitForSelectorAsync("main[data-interactive=true]");
            times.Add(watch.Elapsed.TotalMilliseconds);
            pages.Add(page);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pages.Count}\t{Rss(options.Pid):0.0}\t{times[times.Count / 2]:0}\t{times[^1]:0}"));
    }
}
catch (Exception e) when (e is PlaywrightException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"Stopped while {stage}: {e.Message.Split('\n')[0]}");
    if (current is not null && !current.IsClosed)
    {
        await Console.Error.WriteLineAsync($"Page: {current.Url}");
        await Console.Error.WriteLineAsync($"<main>: {await current.EvaluateAsync<string>("() => (document.querySelector('main')?.outerHTML ?? document.body?.outerHTML ?? '').slice(0, 400)")}");
    }

    await Console.Error.WriteLineAsync("Last browser events:\n  " + string.Join("\n  ", trail));
    return 1;
}

return 0;

IPage Watch(IPage page)
{
    void Note(string what)
    {
        lock (trail)
        {
            trail.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
            if (trail.Count > 40)
            {
                trail.Dequeue();
            }
        }
    }

    current = page;
    page.Console += (_, message) => Note($"console {message.Type}: {message.Text}");
    page.PageError += (_, error) => Note($"page error: {error}");
    page.RequestFailed += (_, request) => Note($"request failed: {request.Method} {request.Url} {request.Failure}");
    page.Response += (_, response) => Note($"{response.Status} {response.Request.Method} {response.Url}");
    page.WebSocket += (_, socket) =>
    {
        Note($"websocket open {socket.Url}");
        socket.Close += (_, _) => Note($"websocket closed {socket.Url}");
        socket.SocketError += (_, error) => Note($"websocket error {socket.Url}: {error}");
    };
    return page;
}

static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, CertManager.LoadTest.Circuits.ArgsReader options, Func<IPage, IPage> watch)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, BaseURL = options.Url });
    context.SetDefaultTimeout(options.TimeoutSeconds * 1000f);
    var signIn = watch(await context.NewPageAsync());
    await signIn.GotoAsync("/");
    await signIn.FillAsync("#username", options.User);
    await signIn.FillAsync("#password", options.Password);
    await signIn.ClickAsync("#sign-in");
    await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    await signIn.CloseAsync();
    return context;
}

static double Rss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    throw new InvalidOperationException($"No process {pid}.");
}
