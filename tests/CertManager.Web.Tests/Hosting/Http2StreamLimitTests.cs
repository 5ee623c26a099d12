using System.Net;
using System.Net.WebSockets;
using System.Text;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// A browser opens every tab's Blazor circuit as a WebSocket stream (RFC 8441) on one shared HTTP/2 connection.
/// With Kestrel's default of 100 streams per connection the 101st tab waited for ever; the console allows 1,000.
/// </summary>
public sealed class Http2StreamLimitTests
{
    private const int Tabs = 120;

    [Fact]
    public async Task BlazorHub_MoreThanAHundredWebSocketsOnOneHttp2Connection_AllOpen()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var client = console.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        var cookie = client.Cookies.GetCookieHeader(console.BaseAddress);
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            EnableMultipleHttp2Connections = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var invoker = new HttpMessageInvoker(handler);
        var hub = new Uri($"wss://127.0.0.1:{console.Port}/_blazor");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var tab = 0; tab < Tabs; tab++)
            {
                var socket = new ClientWebSocket();
                sockets.Add(socket);
                socket.Options.HttpVersion = HttpVersion.Version20;
                socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
                socket.Options.SetRequestHeader("Cookie", cookie);
                await socket.ConnectAsync(hub, invoker, timeout.Token);
                // SignalR's handshake keeps the connection open, as a circuit's is.
                await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
            }

            Assert.All(sockets, socket => Assert.Equal(WebSocketState.Open, socket.State));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }
}
