using System.Text;
using CertManager.Core.Csr;
using CertManager.Core.Tokens;
using CertManager.Web.Hosting;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/csrs</c>: Generate CSR for scripts, with the same validator and generator as the page and certman; the
/// key stays in the console, encrypted, as a pending request until the signed certificate is installed.
/// </summary>
internal static class CsrApi
{
    public static RouteGroupBuilder MapCsrApi(this RouteGroupBuilder api)
    {
        api.MapPost("/csrs", CreateAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .WithName("CreateCsr")
            .WithSummary("Generates a key and a certificate signing request (PKCS#10); the key stays in the console as a pending request.")
            .Produces<GeneratedCsr>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/csrs", ListAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("ListPendingCsrs")
            .WithSummary("The pending requests whose signed certificate has not been installed yet, newest first.")
            .Produces<IReadOnlyList<PendingRequestSummary>>();
        api.MapGet("/csrs/{id:long}", GetPemAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("DownloadCsr")
            .WithSummary("The pending request's CSR as PEM (application/pkcs10), to send to the CA.")
            .Produces<string>(contentType: CsrDownloadEndpoint.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/csrs/{id:long}", DiscardAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .WithName("DiscardCsr")
            .WithSummary("Discards a pending request and destroys its key.")
            .Produces<PendingRequestSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> CreateAsync(CsrForm form, HttpContext context, CsrGenerator generator, CancellationToken cancellationToken)
    {
        var generated = await generator.GenerateAsync(form, context.User.ActorName(), cancellationToken);
        return generated.Succeeded
            ? Results.Created($"{ApiEndpoints.Prefix}/csrs/{generated.Value.PendingRequestId}", generated.Value)
            : ApiProblems.From(generated);
    }

    private static async Task<IReadOnlyList<PendingRequestSummary>> ListAsync(PendingRequestStore store, CancellationToken cancellationToken) =>
        await store.ListPendingAsync(cancellationToken);

    private static async Task<IResult> GetPemAsync(long id, PendingRequestStore store, CancellationToken cancellationToken)
    {
        var request = await store.GetAsync(id, cancellationToken);
        if (!request.Succeeded)
        {
            return ApiProblems.From(request);
        }

        var pem = await store.GetCsrPemAsync(id, cancellationToken);
        return pem.Succeeded
            ? Results.File(Encoding.ASCII.GetBytes(pem.Value), CsrDownloadEndpoint.ContentType, CsrFileName.For(id, request.Value.AlternateNames))
            : ApiProblems.From(pem);
    }

    private static async Task<IResult> DiscardAsync(long id, HttpContext context, PendingRequestStore store, CancellationToken cancellationToken)
    {
        var discarded = await store.DiscardAsync(id, context.User.ActorName(), cancellationToken);
        return discarded.Succeeded ? Results.Ok(discarded.Value) : ApiProblems.From(discarded);
    }
}
