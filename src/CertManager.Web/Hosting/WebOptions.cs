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
}
