using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Hosting;

/// <summary>The console's own listeners, used when no standard ASP.NET endpoint configuration is given.</summary>
public sealed class WebOptions
{
    public const string SectionName = "CertManager:Web";

    /// <summary>HTTPS port, on every interface (default 8443).</summary>
    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 8443;

    /// <summary>HTTP port that only redirects to HTTPS (default 8080); 0 turns it off.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// Concurrent HTTP/2 streams per connection (default 1,000; Kestrel's own default is 100). A browser keeps one
    /// HTTP/2 connection per origin and runs every tab's Blazor circuit (a WebSocket, RFC 8441) as a stream on it, so
    /// with 100 the 101st tab waited for a stream that never came free.
    /// </summary>
    [Range(100, 10000)]
    public int Http2MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>The TLS cipher suites offered: AEAD only (default; left to OpenSSL when its list is as narrow), or OpenSSL's configured list, unchecked.</summary>
    [EnumDataType(typeof(TlsCipherSuites))]
    public TlsCipherSuites CipherSuites { get; set; } = TlsCipherSuites.Aead;

    /// <summary>
    /// Reverse proxies (addresses such as 10.0.0.5 or networks such as 10.0.0.0/24) whose X-Forwarded-For names the
    /// client. Behind a proxy every request otherwise comes from the proxy's address, so the sign-in limit per address
    /// would hold all users together and the event log would name the proxy. Empty (the default): the header is ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];
}
