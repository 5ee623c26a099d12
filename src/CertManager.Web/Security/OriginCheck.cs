namespace CertManager.Web.Security;

/// <summary>
/// Refuses (403) a state-changing request or a Blazor hub connection that a browser made from another origin: its
/// <c>Origin</c> header (RFC 6454) is not the console's own address as the request reached it (scheme, host and
/// port), or its <c>Sec-Fetch-Site</c> header (W3C Fetch Metadata) says same-site or cross-site. Because the console
/// sends <c>Referrer-Policy: no-referrer</c>, browsers send <c>Origin: null</c> on its own form posts; such a request
/// passes only with <c>Sec-Fetch-Site: same-origin</c>. Antiforgery tokens already protect forms; this stops a
/// cross-site page from opening a circuit (cross-site WebSocket hijacking) and is a second check on forms. A request
/// with neither header (a script, curl) is left to authentication and antiforgery. A reverse proxy in front must
/// pass the original <c>Host</c> header through.
/// </summary>
public static partial class OriginCheck
{
    private static readonly PathString BlazorHub = "/_blazor";

    public static IApplicationBuilder UseCertManagerOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var checkedRequest = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                || request.Path.StartsWithSegments(BlazorHub);
            if (checkedRequest && IsCrossOrigin(request))
            {
                LogCrossOrigin(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OriginCheck)), request.Method, request.Path, request.Headers.Origin.ToString());
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Cross-origin requests are refused: open the console at its own address.", context.RequestAborted);
                return;
            }

            await next(context);
        });

    private static bool IsCrossOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return origin == "null" ? fetchSite != "same-origin" : !IsOwnOrigin(origin, request);
    }

    private static bool IsOwnOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 2701, Level = LogLevel.Warning, Message = "Refused a cross-origin {Method} {Path} from origin {Origin}")]
    private static partial void LogCrossOrigin(ILogger logger, string method, string path, string origin);
}
