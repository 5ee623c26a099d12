// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Net;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>Sends a hub connection's HTTP requests over the stand-in browser's one HTTP/2 connection; SignalR disposes
/// the handler it was given when the hub connection stops, which leaves the shared connection open.</summary>
internal sealed class SharedConnectionHandler(HttpMessageInvoker invoker) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return invoker.SendAsync(request, cancellationToken);
    }
}
