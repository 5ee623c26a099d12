// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// The idle pages the stand-in holds: each a GET of the tab with a browser's sign-in cookie and a <see cref="StandInCircuit"/>
/// for it, every --per-browser pages through a new signed-in <see cref="StandInBrowser"/> (its own HTTP/2 connection
/// and cookie, as another person's browser), one page after the other as the Chromium pages are opened.
/// </summary>
internal sealed class StandInPages(Uri pageUri, int perBrowser, TimeSpan timeout, Func<Task<string>> signIn) : IAsyncDisposable
{
    private readonly List<StandInBrowser> _browsers = [];
    private readonly List<StandInCircuit> _circuits = [];

    public BrowserAnswers Answers { get; } = new();

    public int Count => _circuits.Count;

    /// <summary>The WebSocket extensions the console accepted for the stand-in's last hub socket.</summary>
    public string Extensions => _browsers.Count > 0 ? _browsers[^1].Extensions : "none";

    public long BatchesAcknowledged => _circuits.Sum(circuit => circuit.BatchesAcknowledged);

    /// <summary>Opens one more idle page; <paramref name="number"/> is its number among all circuits, for messages.</summary>
    public async Task OpenAsync(int number)
    {
        if (_circuits.Count % perBrowser == 0)
        {
            _browsers.Add(new StandInBrowser(pageUri, await signIn(), timeout));
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var page = await _browsers[^1].GetPageAsync(pageUri, deadline.Token);
            _circuits.Add(await StandInCircuit.OpenAsync(pageUri, page, _browsers[^1], Answers, deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The stand-in's page {number} did not become interactive within {timeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            throw new InvalidOperationException($"The stand-in's page {number} did not open: {e.Message}", e);
        }
    }

    /// <summary>Throws when any circuit is no longer live: the console closed it, reported an error on it, or sent what a
    /// browser's idle page does not get.</summary>
    public void ThrowIfAnyFailed()
    {
        var failed = _circuits.Select((circuit, index) => (circuit.Failure, Number: index + 1)).Where(c => c.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"{failed.Count} of the stand-in's {_circuits.Count} circuits are no longer live; " +
                $"the first, its page {failed[0].Number}: {failed[0].Failure}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }

        foreach (var browser in _browsers)
        {
            browser.Dispose();
        }
    }
}
