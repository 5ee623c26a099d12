using CertManager.Core.Export;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Authentication;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/certificate/export</c>: the download page for scripts, through the same <see cref="BundleExporter"/>,
/// audited the same way (an event names the user and the token before the first byte leaves). The private key leaves
/// only for a token with <c>export:key</c> whose role may download it (Administrator, Operator).
/// </summary>
internal static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/certificate/export", Export)
            .RequireScope(ApiScopes.CertificateRead)
            .WithName("ExportCertificate")
            .WithSummary("Exports the presented certificate: Zip (PEM files with the key), Pfx (with the key, password required) or PublicPem (a ZIP of the certificate and chain, no key).")
            .Produces<byte[]>(contentType: BundleExporter.ZipContentType)
            .Produces<byte[]>(contentType: BundleExporter.PfxContentType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static IResult Export(ExportBody body, HttpContext context, BundleExporter exporter)
    {
        var request = new ExportRequest(body.Format, body.PfxProfile, body.PfxPassword);
        if (request.IncludesPrivateKey)
        {
            if (!context.User.HasClaim(ApiTokenDefaults.ScopeClaim, ApiScopes.ExportKey))
            {
                return ApiProblems.For(TokenErrors.ScopeMissing(ApiScopes.ExportKey), StatusCodes.Status403Forbidden);
            }

            // The owner's role may have been lowered since the token was made; the token acts with the lower one.
            if (!context.User.IsInRole(Roles.Administrator) && !context.User.IsInRole(Roles.Operator))
            {
                return ApiProblems.For(ExportErrors.PrivateKeyNotPermitted, StatusCodes.Status403Forbidden);
            }
        }

        var prepared = exporter.Prepare(request);
        if (!prepared.Succeeded)
        {
            return ApiProblems.From(prepared);
        }

        context.Response.Headers.CacheControl = "no-store";
        var actor = context.User.ActorName();
        return Results.Stream(
            stream => exporter.WriteAsync(prepared.Value, stream, actor, context.RequestAborted),
            prepared.Value.ContentType,
            prepared.Value.FileName);
    }
}
