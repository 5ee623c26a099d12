using System.Diagnostics;
using Microsoft.Playwright;

namespace CertManager.LoadTest.Circuits;

/// <summary>
/// Pages of the tab, signed in, in one headless Debian Chromium: each a Blazor circuit that then stays idle, timed from
/// navigation to interactive (<c>main[data-interactive=true]</c>). Every --per-browser pages come from a new browser
/// context (its own cookies and connections, as another person's browser): Chromium carries all of one browser's
/// requests to a site, WebSockets included, on one HTTP/2 connection and opens at most 256 streams on it, so one browser
/// cannot hold many more than 250 circuits of one console whatever the server allows.
/// </summary>
internal sealed class ChromiumPages : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ArgsReader _options;
    private readonly List<IPage> _pages = [];
    // What the page in hand said and did, printed when a step fails: a hang is otherwise only a timeout.
    private readonly Queue<string> _trail = new();
    private readonly List<string> _lost = [];
    private readonly Dictionary<IPage, List<IWebSocket>> _sockets = [];
    private IBrowserContext? _context;
    private IPage? _current;

    private ChromiumPages(IPlaywright playwright, IBrowser browser, ArgsReader options)
    {
        _playwright = playwright;
        _browser = browser;
        _options = options;
    }

    /// <summary>What the tool was doing, for the message when a step fails.</summary>
    public string Stage { get; private set; } = "starting Chromium";

    public int Count => _pages.Count;

    public static async Task<ChromiumPages> LaunchAsync(ArgsReader options)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        return new ChromiumPages(playwright, browser, options);
    }

    /// <summary>Opens one more page (in a new browser context every --per-browser pages) and returns its time to
    /// interactive in milliseconds; <paramref name="number"/> is the page's number among all circuits, for messages.</summary>
    public async Task<double> OpenAsync(int number)
    {
        if (_pages.Count % _options.PerBrowser == 0)
        {
            Stage = $"signing in a browser context for page {number}";
            _context = await SignedInContextAsync();
        }

        Stage = $"opening page {number} in Chromium";
        var page = Watch(await _context!.NewPageAsync());
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/security/web-server/certificate");
        Stage = $"waiting for page {number} to become interactive";
        await page.WaitForSelectorAsync("main[data-interactive=true]");
        var elapsed = watch.Elapsed.TotalMilliseconds;
        _pages.Add(page);
        void Lose(string why)
        {
            lock (_lost)
            {
                _lost.Add($"page {number} {why} at {DateTime.UtcNow:HH:mm:ss}");
            }
        }

        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Lose($"navigated to {frame.Url}");
            }
        };
        lock (_sockets)
        {
            foreach (var socket in _sockets.Remove(page, out var open) ? open : [])
            {
                socket.Close += (_, _) => Lose($"lost its WebSocket {socket.Url}");
            }
        }

        return elapsed;
    }

    /// <summary>Signs a new browser context in through the console's form, the way a person does, and returns the Cookie
    /// header its later requests carry (the stand-in's circuits use it); the context is closed again.</summary>
    public async Task<string> SignInCookieAsync()
    {
        Stage = "signing in a browser context for the stand-in";
        var context = await SignedInContextAsync();
        var cookies = await context.CookiesAsync();
        await context.CloseAsync();
        return string.Join("; ", cookies.Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }

    /// <summary>Chromium's pages that are no longer idle on the tab with their circuit: their hub WebSocket closed or
    /// they navigated away (a page signed out by the console goes to the sign-in page), each with its number.</summary>
    public IReadOnlyList<string> Lost()
    {
        lock (_lost)
        {
            return [.. _lost];
        }
    }

    /// <summary>The page in hand and the last browser events, for a failed step.</summary>
    public async Task<string> DescribeAsync()
    {
        var lines = new List<string>();
        if (_current is not null && !_current.IsClosed)
        {
            lines.Add($"Page: {_current.Url}");
            lines.Add($"<main>: {await _current.EvaluateAsync<string>("() => (document.querySelector('main')?.outerHTML ?? document.body?.outerHTML ?? '').slice(0, 400)")}");
        }

        lock (_trail)
        {
            lines.Add("Last browser events:\n  " + string.Join("\n  ", _trail));
        }

        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IBrowserContext> SignedInContextAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, BaseURL = _options.Url });
        context.SetDefaultTimeout(_options.TimeoutSeconds * 1000f);
        var signIn = Watch(await context.NewPageAsync());
        await signIn.GotoAsync("/");
        await signIn.FillAsync("#username", _options.User);
        await signIn.FillAsync("#password", _options.Password);
        await signIn.ClickAsync("#sign-in");
        var stage = Stage;
        Stage = $"{stage}: leaving the sign-in page";
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        // The page signed in to starts a circuit of its own: closed only once that circuit is up, so that it ends cleanly
        // (closed while still starting, it left the console's connected-circuit count one short in some runs).
        Stage = $"{stage}: waiting for the page signed in to to become interactive";
        await signIn.WaitForSelectorAsync("main[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Stage = $"{stage}: closing the page signed in to";
        await signIn.CloseAsync();
        Stage = stage;
        return context;
    }

    private IPage Watch(IPage page)
    {
        void Note(string what)
        {
            lock (_trail)
            {
                _trail.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
                if (_trail.Count > 40)
                {
                    _trail.Dequeue();
                }
            }
        }

        _current = page;
        page.Console += (_, message) => Note($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Note($"page error: {error}");
        page.RequestFailed += (_, request) => Note($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) => Note($"{response.Status} {response.Request.Method} {response.Url}");
        page.WebSocket += (_, socket) =>
        {
            lock (_sockets)
            {
                (_sockets.TryGetValue(page, out var sockets) ? sockets : _sockets[page] = []).Add(socket);
            }

            Note($"websocket open {socket.Url}");
            socket.Close += (_, _) => Note($"websocket closed {socket.Url}");
            socket.SocketError += (_, error) => Note($"websocket error {socket.Url}: {error}");
        };
        return page;
    }
}
