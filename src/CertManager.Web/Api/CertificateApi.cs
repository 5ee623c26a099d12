using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Install;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/certificate</c>: the presented certificate as the tab shows it, with an ETag so that scripts can poll
/// with <c>If-None-Match</c> and get 304 until it changes; its chain as PEM; and uninstall.
/// </summary>
internal static class CertificateApi
{
    public static RouteGroupBuilder MapCertificateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/certificate", Get)
            .RequireScope(ApiScopes.CertificateRead)
            .WithName("GetCertificate")
            .WithSummary("The presented certificate: details as on the tab, the chain it is sent with, its version and source.")
            .Produces<CertificateResource>()
            .Produces(StatusCodes.Status304NotModified);
        api.MapGet("/certificate/chain.pem", GetChainPem)
            .RequireScope(ApiScopes.CertificateRead)
            .WithName("GetCertificateChainPem")
            .WithSummary("The presented certificate and its intermediates as PEM, server certificate first.")
            .Produces<string>(contentType: "application/pem-certificate-chain");
        api.MapPost("/certificate/uninstall", UninstallAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .WithName("UninstallCertificate")
            .WithSummary("Returns to the self-signed default certificate; installed versions are kept.")
            .Produces<InstalledCertificate>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static IResult Get(HttpContext context, ServerCertificateProvider provider, CertificateDetailsReader reader, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var presented = provider.Current;
        var resource = CertificateResource.From(presented, reader.Read(presented.Certificate, presented.Origin));
        var body = JsonSerializer.SerializeToUtf8Bytes(resource, json.Value.SerializerOptions);
        // The representation's hash: it changes with the certificate and with what the tab computes (days remaining).
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, "application/json");
    }

    private static IResult GetChainPem(ServerCertificateProvider provider)
    {
        var presented = provider.Current;
        var pem = new StringBuilder(presented.Certificate.ExportCertificatePem()).Append('\n');
        foreach (var intermediate in presented.Intermediates)
        {
            pem.Append(intermediate.ExportCertificatePem()).Append('\n');
        }

        return Results.Text(pem.ToString(), "application/pem-certificate-chain");
    }

    private static async Task<IResult> UninstallAsync(HttpContext context, CertificateInstaller installer, CancellationToken cancellationToken)
    {
        var result = await installer.UninstallAsync(context.User.ActorName(), cancellationToken);
        return result.Succeeded ? Results.Ok(result.Value) : ApiProblems.From(result);
    }
}
