using CertManager.Core.Fleet;
using Microsoft.AspNetCore.StaticAssets;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;

namespace CertManager.Web.Hosting;

/// <summary>
/// One line per request that a person asked for: method, route template (never the path or query string, which may
/// carry tokens), status, elapsed time and user. Health probes, static files and the Blazor hub's traffic are logged
/// at Debug, below the default Information, unless they fail with a server error; so are the followers' polls and
/// reports that the edge answers (every key delivery is an audit event already), while a refused one stays a line.
/// </summary>
internal static class RequestLogPolicy
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms for {UserName}";

    public static void Configure(RequestLoggingOptions options)
    {
        options.MessageTemplate = MessageTemplate;
        options.IncludeQueryInRequestPath = false;
        options.GetLevel = LevelOf;
        options.EnrichDiagnosticContext = Enrich;
    }

    internal static LogEventLevel LevelOf(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : IsBackgroundTraffic(context) || IsAnsweredFollowerPoll(context) ? LogEventLevel.Debug
        : LogEventLevel.Information;

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        diagnostics.Set("RouteTemplate", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template
            ? "/" + template.TrimStart('/')
            : "(no route)");
        diagnostics.Set("UserName", context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "-");
    }

    private static bool IsBackgroundTraffic(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health")
        || context.Request.Path.StartsWithSegments("/_blazor")
        || context.Request.Path.StartsWithSegments("/_framework")
        || context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    /// <summary>A follower's long poll or report, every few seconds from each server behind the proxy; pairing is not one.</summary>
    private static bool IsAnsweredFollowerPoll(HttpContext context) =>
        context.Response.StatusCode < StatusCodes.Status400BadRequest
        && (context.Request.Path.StartsWithSegments(FleetPaths.Bundle) || context.Request.Path.StartsWithSegments(FleetPaths.Report));
}
