using CertManager.Core.Certificates;

namespace CertManager.Web.Security;

/// <summary>
/// The headers that make the browser enforce what the console relies on: scripts only from the console itself (Blazor
/// Server needs nothing more: blazor.web.js and its WebSocket are same-origin, and no page has an inline script or
/// style), no framing, no MIME sniffing, no referrer, no powerful features. HSTS (RFC 6797) only while a certificate
/// other than the self-signed default is presented: before that the administrator must still be able to click
/// through the browser's warning, which HSTS forbids.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), clipboard-read=()";

    /// <summary>One year, as browsers' preload lists expect; sent only over HTTPS.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseCertManagerSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                var presented = context.RequestServices.GetRequiredService<ServerCertificateProvider>().Current;
                if (context.Request.IsHttps && presented.Origin != CertificateOrigin.SelfSignedDefault)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
