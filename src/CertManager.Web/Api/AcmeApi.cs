using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Core.Enrollment;
using CertManager.Core.Install;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/acme/orders</c>: ACME orders (RFC 8555) for scripts, through the same services as the ACME page and
/// <c>certman acme order</c>. Starting one answers when the CA has issued (or refused): installed (201), or issued and
/// held because its warnings were not confirmed (409 with <c>held</c>, installed later). Each step is kept on the order
/// as it happens, so another request can follow it with <c>GET /acme/orders/{id}</c>.
/// </summary>
internal static class AcmeApi
{
    private const string Path = ApiEndpoints.Prefix + "/acme/orders/";

    /// <summary>How many orders the list shows, newest first (as <c>certman acme status</c>).</summary>
    private const int ListedOrders = 50;

    public static RouteGroupBuilder MapAcmeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/acme/orders", StartAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .RequireAdministrator()
            .WithName("StartAcmeOrder")
            .WithSummary("Orders a certificate over ACME and installs it; answers once the CA has issued or refused.")
            .Produces<InstallResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/acme/orders", ListAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("ListAcmeOrders")
            .WithSummary("The latest ACME orders with their state and last step, newest first.")
            .Produces<IReadOnlyList<AcmeOrderSummary>>();
        api.MapGet("/acme/orders/{id:long}", GetAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("GetAcmeOrder")
            .WithSummary("One ACME order: its state, the step it reached, its outcome.")
            .Produces<AcmeOrderSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/acme/orders/{id:long}/install", InstallAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .RequireAdministrator()
            .WithName("InstallAcmeOrder")
            .WithSummary("Installs the certificate of an order held for an administrator (a held renewal among them).")
            .Produces<InstalledCertificate>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> StartAsync(AcmeOrderBody body, HttpContext context, AcmeEnrollmentService service, AcmeStore store, KeyAlgorithmPolicy keyPolicy, CancellationToken cancellationToken)
    {
        var form = new AcmeEnrollmentForm
        {
            DirectoryUrl = body.DirectoryUrl,
            Email = body.Email,
            TermsOfServiceAgreed = body.TermsOfServiceAgreed,
            ExternalAccountKeyId = body.ExternalAccountKeyId,
            ExternalAccountHmacKey = body.ExternalAccountHmacKey,
            CommonName = body.CommonName,
            AlternateNames = body.AlternateNames ?? [],
            KeySize = body.KeySize,
            ChallengeWay = body.Challenge ?? AcmeChallengeWays.HttpConsole,
            PreferredRoot = body.PreferredRoot,
        };
        var validated = AcmeEnrollmentService.Validate(form, keyPolicy.AllowsEcdsa);
        if (!validated.Succeeded)
        {
            return ApiProblems.From(validated);
        }

        var actor = context.User.ActorName();
        var obtained = await service.ObtainAsync(validated.Value, actor, cancellationToken: cancellationToken);
        if (!obtained.Succeeded)
        {
            return ApiProblems.From(obtained);
        }

        using var enrollment = obtained.Value;
        var installed = await service.InstallAsync(enrollment, body.ConfirmWarnings, actor, cancellationToken);
        if (installed.Succeeded)
        {
            return Results.Created(Path + enrollment.OrderId, new InstallResponse(installed.Value, enrollment.Report));
        }

        // The order stays held with its key: POST /acme/orders/{id}/install installs it once the warnings are confirmed.
        var held = await store.GetOrderAsync(enrollment.OrderId, cancellationToken);
        return ApiProblems.For([.. installed.Problems, .. enrollment.Report.Problems], ApiProblems.StatusFor(installed.Problems[0]), enrollment.Report, held);
    }

    private static Task<IReadOnlyList<AcmeOrderSummary>> ListAsync(AcmeStore store, CancellationToken cancellationToken) =>
        store.ListOrdersAsync(ListedOrders, cancellationToken);

    private static async Task<IResult> GetAsync(long id, AcmeStore store, CancellationToken cancellationToken) =>
        await store.GetOrderAsync(id, cancellationToken) is { } order
            ? Results.Ok(order)
            : ApiProblems.For(ApiErrors.OrderNotFound, StatusCodes.Status404NotFound);

    private static async Task<IResult> InstallAsync(long id, InstallHeldBody body, HttpContext context, AcmeEnrollmentService service, CancellationToken cancellationToken)
    {
        var installed = await service.InstallHeldAsync(id, body.ConfirmWarnings, context.User.ActorName(), cancellationToken);
        return installed.Succeeded ? Results.Ok(installed.Value) : ApiProblems.From(installed);
    }
}
