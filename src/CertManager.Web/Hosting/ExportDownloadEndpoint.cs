using CertManager.Core.Export;
using CertManager.Web.Security;
using CertManager.Web.Services;
using Microsoft.AspNetCore.Antiforgery;

namespace CertManager.Web.Hosting;

/// <summary>
/// Streams exports of the presented certificate. The certificate and chain without the key are a plain GET for every
/// role. Anything with the private key is a POST (antiforgery-checked) for Administrators and Operators only, and
/// needs a ticket from the download page, which asked for the password again; the ticket is redeemed once, by the user
/// it was issued to. Nothing secret is ever in a URL.
/// </summary>
public static class ExportDownloadEndpoint
{
    /// <summary>The download page.</summary>
    public const string PagePath = WebHostingExtensions.CertificateTabPath + "/export";

    /// <summary>Certificate and chain, no key: every role.</summary>
    public const string PublicPath = PagePath + "/certificate-and-chain";

    /// <summary>ZIP with the key or PFX, redeemed with a ticket: Administrator and Operator.</summary>
    public const string DownloadPath = PagePath + "/download";

    /// <summary>The query value (<c>?download=expired</c>) that makes the page explain a spent or expired ticket.</summary>
    public const string ExpiredMarker = "expired";

    /// <summary>The form field that carries the ticket.</summary>
    public const string TicketField = "ticket";

    public static IEndpointRouteBuilder MapExportDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PublicPath, DownloadPublic)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Administrator, Roles.Operator, Roles.Helpdesk));
        // The ticket comes in a form with the antiforgery token (RequestForms reads it).
        endpoints.MapPost(DownloadPath, RedeemTicketAsync)
            .Accepts<IFormCollection>(RequestForms.ContentTypes[0], RequestForms.ContentTypes[1])
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(policy => policy.RequireRole(Roles.Administrator, Roles.Operator));
        return endpoints;
    }

    private static IResult DownloadPublic(HttpContext context, BundleExporter exporter)
    {
        var prepared = exporter.Prepare(new ExportRequest(ExportFormat.PublicPem));
        return Stream(context, exporter, prepared.Value);
    }

    private static async Task<IResult> RedeemTicketAsync(HttpContext context, ExportTicketStore tickets, BundleExporter exporter)
    {
        var (form, refusal) = await RequestForms.ReadAsync(context.Request, context.RequestAborted);
        if (form is null)
        {
            return refusal!;
        }

        var prepared = tickets.Redeem(form.TryGetValue(TicketField, out var ticket) && ticket.Count > 0 ? ticket[0] : null, context.User.UserId());
        if (prepared is null)
        {
            // A person pressed Download a second time or too late: back to the console's page, which says so and
            // offers to prepare another (303 turns the POST into a GET).
            context.Response.Headers.Location = $"{PagePath}?download={ExpiredMarker}";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        // The role is checked by the endpoint's policy; this guards against a ticket outliving a role change.
        if (prepared.Request.IncludesPrivateKey && !context.User.IsInRole(Roles.Administrator) && !context.User.IsInRole(Roles.Operator))
        {
            return Results.Forbid();
        }

        return Stream(context, exporter, prepared);
    }

    private static IResult Stream(HttpContext context, BundleExporter exporter, PreparedExport prepared)
    {
        // Private material must not be kept by the browser's or a proxy's cache.
        context.Response.Headers.CacheControl = "no-store";
        var actor = context.User.ActorName();
        return Results.Stream(
            body => exporter.WriteAsync(prepared, body, actor, context.RequestAborted),
            prepared.ContentType,
            prepared.FileName);
    }
}
