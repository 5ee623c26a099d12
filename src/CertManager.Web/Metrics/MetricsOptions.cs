namespace CertManager.Web.Metrics;

/// <summary>Who may scrape <c>/metrics</c> without a token.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "CertManager:Metrics";

    /// <summary>
    /// Client networks (CIDR, e.g. <c>10.1.2.3/32</c> for a Prometheus server) allowed to scrape without a token.
    /// Empty by default: every scrape needs an API token with <c>metrics:read</c>.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}
