// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// A hand-written browser stand-in for one idle page of the tab, used only because 1,000 Chromium pages do not fit one
/// machine (time to interactive is still measured in Chromium). It does what blazor.web.js does after the prerendered
/// page arrived: connects to <c>/_blazor</c> (negotiate, then a WebSocket over the browser's HTTP/2 connection, with the
/// sign-in cookie) speaking "blazorpack", invokes <c>StartCircuit(baseUri, uri, "[]", state)</c> and sends
/// <c>UpdateRootComponents</c> with the page's markers, acknowledges every render batch with
/// <c>OnRenderCompleted(batchId, null)</c>, answers every JavaScript call as <see cref="BrowserAnswers"/> says a browser
/// does, and then holds the circuit idle (SignalR's keep-alive pings). Anything else the console sends (the SignalR client
/// logs a message it has no handler for, which <see cref="FailureLogger"/> turns into a failure), or the console closing
/// the connection, makes the circuit <see cref="Failure"/> instead of being counted.
/// </summary>
internal sealed class StandInCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly BrowserAnswers _answers;
    private readonly TaskCompletionSource _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _failure;
    private volatile bool _stopping;
    private long _batchesAcknowledged;
    private PrerenderedPage? _page;

    private StandInCircuit(Uri pageUri, StandInBrowser browser, BrowserAnswers answers)
    {
        _answers = answers;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(pageUri, "/_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.HttpMessageHandlerFactory = _ => browser.CreateHandler();
                options.Headers["Cookie"] = browser.Cookie;
                options.WebSocketFactory = browser.ConnectWebSocketAsync;
            })
            .ConfigureLogging(logging => logging.AddProvider(new FailureLogger(Fail)));
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        _connection = builder.Build();
        _connection.Closed += error =>
        {
            Fail($"the console closed the circuit's connection{(error is null ? "" : $": {error.Message}")}");
            return Task.CompletedTask;
        };
        _connection.On<long, byte[]>("JS.RenderBatch", AcknowledgeBatchAsync);
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], AnswerJavaScriptAsync);
        _connection.On<long>("JS.EndUpdateRootComponents", _ => _interactive.TrySetResult());
        _connection.On<string>("JS.Error", error => Fail($"the console reported a circuit error: {error}"));
        // The console places each root component in the page: the browser attaches it to the element of that SSR
        // component id and answers nothing.
        _connection.On<long, string>("JS.AttachComponent", (_, ssrComponentId) =>
        {
            if (!int.TryParse(ssrComponentId, CultureInfo.InvariantCulture, out var id) || id < 1 || id > _page!.ServerMarkers.Count)
            {
                Fail($"the console attached a component to '{ssrComponentId}', which is none of the page's {_page!.ServerMarkers.Count} components");
            }
        });
    }

    /// <summary>Render batches the console sent and the stand-in acknowledged.</summary>
    public long BatchesAcknowledged => Interlocked.Read(ref _batchesAcknowledged);

    /// <summary>Why the circuit is no longer a live idle page, or null while it is.</summary>
    public string? Failure => _failure;

    /// <summary>Opens the circuit for <paramref name="page"/> (the prerendered tab at <paramref name="pageUri"/>) and
    /// returns once the console ended the root components' update (<c>JS.EndUpdateRootComponents</c>; the render batches
    /// before it are acknowledged as they come).</summary>
    public static async Task<StandInCircuit> OpenAsync(Uri pageUri, PrerenderedPage page, StandInBrowser browser, BrowserAnswers answers, CancellationToken cancellationToken)
    {
        var circuit = new StandInCircuit(pageUri, browser, answers);
        try
        {
            await circuit.StartAsync(pageUri, page, cancellationToken);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _connection.DisposeAsync();
    }

    private async Task StartAsync(Uri pageUri, PrerenderedPage page, CancellationToken cancellationToken)
    {
        _page = page;
        await _connection.StartAsync(cancellationToken);
        // blazor.web.js: StartCircuit(document.baseURI, location.href, JSON of the initial components (none for a Blazor
        // Web App: its components come through UpdateRootComponents), the persisted state), then the first
        // UpdateRootComponents batch with the same state.
        var secret = await _connection.InvokeAsync<string?>("StartCircuit", new Uri(pageUri, "/").AbsoluteUri, pageUri.AbsoluteUri, "[]", page.ApplicationState, cancellationToken);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"StartCircuit returned no circuit id{(_failure is null ? "" : $" ({_failure})")}.");
        }

        await _connection.SendAsync("UpdateRootComponents", page.FirstOperationBatch(), page.ApplicationState, cancellationToken);
        await _interactive.Task.WaitAsync(cancellationToken);
        if (_failure is not null)
        {
            throw new InvalidOperationException(_failure);
        }
    }

    private async Task AcknowledgeBatchAsync(long batchId, byte[] batch)
    {
        await _connection.SendAsync("OnRenderCompleted", batchId, null);
        Interlocked.Increment(ref _batchesAcknowledged);
    }

    private async Task AnswerJavaScriptAsync(object?[] arguments)
    {
        var taskId = (long)arguments[0]!;
        var identifier = (string)arguments[1]!;
        var result = _answers.ResultFor(identifier, _page!);
        if (result is null)
        {
            Fail($"the console called JavaScript '{identifier}' (arguments {arguments[2]}), for which the stand-in knows no browser answer; add it to BrowserAnswers");
            return;
        }

        // A task id of 0 is a call the console does not wait for: a browser sends nothing back.
        if (taskId != 0)
        {
            await _connection.SendAsync("EndInvokeJSFromDotNet", taskId, true, string.Create(CultureInfo.InvariantCulture, $"[{taskId},true,{result}]"));
        }
    }

    private void Fail(string why)
    {
        if (_stopping)
        {
            return;
        }

        _failure ??= why;
        _interactive.TrySetException(new InvalidOperationException(why));
    }
}
