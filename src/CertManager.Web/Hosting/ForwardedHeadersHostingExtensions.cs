using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Hosting;

/// <summary>
/// Takes the client's address from X-Forwarded-For, but only on connections from <see cref="WebOptions.TrustedProxies"/>
/// and only the hop that proxy added (anything a client wrote itself further left is ignored). Without trusted proxies
/// the header changes nothing: ASP.NET Core's default of trusting loopback is not taken.
/// </summary>
internal static class ForwardedHeadersHostingExtensions
{
    public static WebApplication UseCertManagerForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            _ = TrustedProxyNetworks.TryParse(proxy, out var network); // validated at start (WebOptionsValidator)
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
