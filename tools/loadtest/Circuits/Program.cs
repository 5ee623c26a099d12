using System.Globalization;
using CertManager.LoadTest.Circuits;
using CertManager.LoadTest.Circuits.StandIn;
using Microsoft.Playwright;

// Opens --circuits pages of the Web Server Certificate tab, signed in (each page a Blazor circuit that then stays idle),
// --step pages at a time, and prints one tab-separated line per step: pages open, the console's RSS in MB, the median
// and slowest time to interactive (ms) of the pages Chromium opened in that step, which client opened them, and the
// console's own count of connected and in-memory circuits (its /metrics), which must equal the pages open. Pages come
// from Debian's headless Chromium (ChromiumPages); with --browserless only the first and the last step's are, and the
// pages between come from the browser stand-in (StandIn/), which holds real circuits without a browser's memory.
var options = ArgsReader.Read(args);
var console = new Uri(options.Url);
var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
using var server = new ServerCircuits(console, timeout);
await using var chromium = await ChromiumPages.LaunchAsync(options);
await using var standIn = new StandInPages(new Uri(console, "/security/web-server/certificate"), options.PerBrowser, timeout, chromium.SignInCookieAsync);
var stage = "reading the console's circuit count";
var open = 0;

Console.WriteLine("circuits\trss_mb\ttti_median_ms\ttti_max_ms\tclient\tserver_connected\tserver_active");
try
{
    var (connected, active) = await server.ReadAsync(CancellationToken.None);
    Row(0, "-", "-", "-", connected, active);
    while (open < options.Circuits)
    {
        var stepEnd = Math.Min(open + options.Step, options.Circuits);
        var inChromium = !options.Browserless || open == 0 || stepEnd == options.Circuits;
        var times = new List<double>();
        for (; open < stepEnd; open++)
        {
            stage = inChromium ? $"opening page {open + 1} in Chromium" : $"opening page {open + 1} with the stand-in";
            if (inChromium)
            {
                times.Add(await chromium.OpenAsync(open + 1));
            }
            else
            {
                await standIn.OpenAsync(open + 1);
            }
        }

        stage = $"checking the console's circuit count at {open} pages";
        (connected, active) = await CheckAsync(open);
        times.Sort();
        Row(open, times.Count > 0 ? Ms(times[times.Count / 2]) : "-", times.Count > 0 ? Ms(times[^1]) : "-", inChromium ? "chromium" : "stand-in", connected, active);
    }

    if (options.HoldSeconds > 0)
    {
        // Idle is the state measured: the circuits live on SignalR's keep-alive pings alone (the console drops a client
        // it has not heard from for 30 s), then must all still be there.
        stage = $"holding {open} circuits idle for {options.HoldSeconds} s";
        await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
        standIn.ThrowIfAnyFailed();
        (connected, active) = await server.ExpectConnectedAsync(open, CancellationToken.None);
        Row(open, "-", "-", $"held {options.HoldSeconds} s", connected, active);
    }
}
catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException or HttpRequestException)
{
    await Console.Error.WriteLineAsync($"Stopped while {stage}: {e.Message.Split('\n')[0]}");
    if (stage.Contains("Chromium", StringComparison.Ordinal))
    {
        await Console.Error.WriteLineAsync($"Chromium was {chromium.Stage}.\n{await chromium.DescribeAsync()}");
    }

    return 1;
}
finally
{
    if (standIn.Count > 0)
    {
        await Console.Error.WriteLineAsync($"The stand-in's {standIn.Count} pages (WebSocket extensions accepted: {standIn.Extensions}) acknowledged {standIn.BatchesAcknowledged} render batches; JavaScript calls the console made to them: " +
            string.Join(", ", standIn.Answers.Seen.OrderBy(call => call.Key, StringComparer.Ordinal).Select(call => $"{call.Key} ×{call.Value}")));
    }
}

return 0;

// Every page still live on each side, then the console's own count equal to the pages open; when the count is off,
// what each client knows of the pages it lost.
async Task<(long Connected, long Active)> CheckAsync(int pages)
{
    standIn.ThrowIfAnyFailed();
    ThrowIfChromiumLost();
    try
    {
        return await server.ExpectConnectedAsync(pages, CancellationToken.None);
    }
    catch (InvalidOperationException e)
    {
        standIn.ThrowIfAnyFailed();
        ThrowIfChromiumLost();
        throw new InvalidOperationException($"{e.Message} Neither client saw one of its pages lose its circuit.", e);
    }
}

void ThrowIfChromiumLost()
{
    var lost = chromium.Lost();
    if (lost.Count > 0)
    {
        throw new InvalidOperationException($"{lost.Count} of Chromium's {chromium.Count} pages are no longer live: {string.Join("; ", lost.Take(5))}.");
    }
}

void Row(int pages, string median, string slowest, string client, long connected, long active) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pages}\t{Rss(options.Pid):0.0}\t{median}\t{slowest}\t{client}\t{connected}\t{active}"));

static string Ms(double milliseconds) => milliseconds.ToString("0", CultureInfo.InvariantCulture);

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
