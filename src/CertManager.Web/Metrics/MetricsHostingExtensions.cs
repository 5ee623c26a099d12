using System.Net;
using CertManager.Core.Metrics;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CertManager.Web.Metrics;

/// <summary>
/// <c>/metrics</c> in Prometheus text format through OpenTelemetry: the certificate gauges, the console's counters,
/// and ASP.NET Core's and the .NET runtime's metrics. A scrape needs an API token with <c>metrics:read</c>, or comes
/// from a network in <see cref="MetricsOptions.AllowedNetworks"/>.
/// </summary>
public static class MetricsHostingExtensions
{
    public const string Path = "/metrics";
    public const string PolicyName = "metrics";

    public static IServiceCollection AddCertManagerMetrics(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<CertificateMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("certmanager"))
            .WithMetrics(metrics => metrics
            .AddMeter(ConsoleMetrics.MeterName, CertificateMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Prometheus reserves the _count suffix for histograms and summaries (promtool refuses these three
            // runtime gauges as named by .NET); the same values under names it accepts.
            .AddView("dotnet.assembly.count", new MetricStreamConfiguration { Name = "dotnet.assemblies.loaded" })
            .AddView("dotnet.process.cpu.count", new MetricStreamConfiguration { Name = "dotnet.process.cpus" })
            .AddView("dotnet.timer.count", new MetricStreamConfiguration { Name = "dotnet.timers" })
            // Blazor's rendering meters are left off: measuring a server-side prerender awaits the static renderer's
            // display task, which is always cancelled, so each page view threw and caught an exception (a tenth of a
            // page's CPU time). The circuit meter stays.
            .AddView(instrument => IsRenderingMeter(instrument.Meter.Name) ? MetricStreamConfiguration.Drop : null)
            // Every scrape sees the certificate as it is now, not a cached answer.
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
            .RequireAssertion(context =>
                context.User.HasClaim(ApiTokenDefaults.ScopeClaim, ApiScopes.MetricsRead)
                || (context.Resource is HttpContext http && IsAllowedNetwork(http))));
        return services;
    }

    public static IEndpointRouteBuilder MapCertManagerMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<CertificateMetrics>().Start();
        endpoints.MapPrometheusScrapingEndpoint(Path)
            .RequireAuthorization(PolicyName)
            .WithMetadata(new RequiredScope(ApiScopes.MetricsRead));
        return endpoints;
    }

    private static bool IsRenderingMeter(string meter) =>
        meter is "Microsoft.AspNetCore.Components" or "Microsoft.AspNetCore.Components.Lifecycle";

    private static bool IsAllowedNetwork(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var networks = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowedNetworks;
        return networks.Any(network => IPNetwork.Parse(network).Contains(address));
    }
}
