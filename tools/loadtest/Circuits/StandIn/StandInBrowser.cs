// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// The stand-in's "browser": one signed-in person's connection to the console. Like Chromium it carries all of its
/// requests, the pages' GETs and the hub WebSockets (RFC 8441, WebSockets over HTTP/2, with permessage-deflate), on one
/// HTTP/2 connection, and sends the sign-in cookie with each. The console's certificate is checked as
/// <see cref="ConsoleCertificate"/> says.
/// </summary>
internal sealed class StandInBrowser : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpMessageInvoker _invoker;
    private readonly HttpClient _client;

    public StandInBrowser(Uri console, string cookie, TimeSpan timeout)
    {
        Cookie = cookie;
        _handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = timeout,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ConsoleCertificate.For(console) },
        };
        _invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        _client = new HttpClient(_handler, disposeHandler: false)
        {
            Timeout = timeout,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The Cookie header a signed-in browser sends.</summary>
    public string Cookie { get; }

    /// <summary>The WebSocket extensions the console accepted on the last hub socket (permessage-deflate, as for Chromium).</summary>
    public string Extensions { get; private set; } = "none";

    /// <summary>GETs the page as the browser's navigation does and reads what blazor.web.js reads from it.</summary>
    public async Task<PrerenderedPage> GetPageAsync(Uri pageUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUri);
        request.Headers.Add("Cookie", Cookie);
        request.Headers.Add("Accept", "text/html");
        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUri} answered {(int)response.StatusCode} {response.StatusCode}{(response.Headers.Location is { } to ? $" to {to}" : "")}: the sign-in cookie was not accepted.");
        }

        var page = PrerenderedPage.Read(await response.Content.ReadAsStringAsync(cancellationToken));
        return page.ServerMarkers.Count > 0 ? page : throw new InvalidOperationException($"GET {pageUri} has no interactive server component markers: the page is not the tab a browser would start a circuit for.");
    }

    /// <summary>A handler for one hub connection's negotiate request, over this browser's connection; disposing it
    /// leaves the connection to the other circuits.</summary>
    public HttpMessageHandler CreateHandler() => new SharedConnectionHandler(_invoker);

    /// <summary>The hub's WebSocket, as a stream of this browser's HTTP/2 connection.</summary>
    public async ValueTask<WebSocket> ConnectWebSocketAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.SetRequestHeader("Cookie", Cookie);
        // Chromium offers permessage-deflate (RFC 7692) on every WebSocket, and Blazor's hub accepts it (its compression
        // is on unless the app turns it off): each circuit's socket then keeps a deflate and an inflate context on the
        // console for its lifetime (context takeover), part of what an idle circuit costs. Offered the same way here.
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(context.Uri, _invoker, cancellationToken);
            Extensions = socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var extensions) == true ? string.Join(", ", extensions) : "none";
            socket.HttpResponseHeaders = null;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _invoker.Dispose();
        _handler.Dispose();
    }
}
