using CertManager.Core.Enrollment;
using CertManager.Core.Install;
using CertManager.Core.Tokens;
using CertManager.Scep;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Transport;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/scep/enrollments</c>: SCEP enrollments for scripts, through the same services as the SCEP page and
/// <c>certman scep enroll</c>. Starting one enrolls and installs like the page (201); a CA that puts it on hold gives
/// 202 with the kept enrollment to follow; an issued certificate whose warnings were not confirmed is kept (409 with
/// <c>held</c>) and installed later like a held one on the Web Server tab. Open enrollments (pending at the CA, issued
/// and held, renewals among them) are listed, read, installed and cancelled here.
/// </summary>
internal static class ScepApi
{
    private const string Path = ApiEndpoints.Prefix + "/scep/enrollments/";

    public static RouteGroupBuilder MapScepApi(this RouteGroupBuilder api)
    {
        api.MapPost("/scep/enrollments", StartAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .RequireAdministrator()
            .WithName("StartScepEnrollment")
            .WithSummary("Enrolls over SCEP (RFC 8894) and installs the issued certificate; PENDING answers 202 with the enrollment to follow.")
            .Produces<InstallResponse>(StatusCodes.Status201Created)
            .Produces<ScepTransactionSummary>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/scep/enrollments", ListAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("ListScepEnrollments")
            .WithSummary("Open SCEP enrollments with their state, as the SCEP page lists them.")
            .Produces<IReadOnlyList<ScepTransactionSummary>>();
        api.MapGet("/scep/enrollments/{id:long}", GetAsync)
            .RequireScope(ApiScopes.CertificateRead)
            .RequireAdministrator()
            .WithName("GetScepEnrollment")
            .WithSummary("One SCEP enrollment and its state.")
            .Produces<ScepTransactionSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/scep/enrollments/{id:long}/install", InstallAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .RequireAdministrator()
            .WithName("InstallScepEnrollment")
            .WithSummary("Installs an issued SCEP certificate that waits for an administrator (a held renewal among them).")
            .Produces<InstalledCertificate>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/scep/enrollments/{id:long}", CancelAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .RequireAdministrator()
            .WithName("CancelScepEnrollment")
            .WithSummary("Cancels a pending enrollment or discards an issued one; the request key is deleted.")
            .Produces<ScepTransactionSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> StartAsync(ScepEnrollmentBody body, HttpContext context, ScepEnrollmentService service, CancellationToken cancellationToken)
    {
        if (ScepEndpoint.TryParse(body.Url, out var reason) is not { } endpoint)
        {
            return ApiProblems.For(ScepErrors.AddressInvalid(reason!), StatusCodes.Status422UnprocessableEntity);
        }

        // Over plain HTTP nothing authenticates the CA certificate that arrives: only a pinned fingerprint does.
        if (endpoint.Url.Scheme == Uri.UriSchemeHttp && string.IsNullOrWhiteSpace(body.ExpectedCaFingerprint))
        {
            return ApiProblems.For(ApiErrors.ScepFingerprintRequired(endpoint.Url), StatusCodes.Status422UnprocessableEntity);
        }

        var form = new ScepEnrollmentForm
        {
            CaAddress = $"{endpoint.Url.Scheme}://{endpoint.Url.Authority}",
            UriPath = endpoint.Url.AbsolutePath,
            CommonName = body.CommonName,
            AlternateNames = body.AlternateNames ?? [],
            KeySize = body.KeySize,
            ExpectedCaFingerprint = body.ExpectedCaFingerprint,
        };
        var validated = ScepEnrollmentService.Validate(form);
        if (!validated.Succeeded)
        {
            return ApiProblems.From(validated);
        }

        var ca = await service.ContactCaAsync(validated.Value, cancellationToken);
        if (!ca.Succeeded)
        {
            return ApiProblems.From(ca);
        }

        var actor = context.User.ActorName();
        var enrolled = await service.EnrollAsync(validated.Value, ca.Value, body.Challenge, actor, null, cancellationToken);
        if (!enrolled.Succeeded)
        {
            return ApiProblems.From(enrolled);
        }

        using var enrollment = enrolled.Value;
        if (enrollment.Pending is { } pending)
        {
            return Results.Accepted(Path + pending.Id, pending);
        }

        var report = enrollment.Report!;
        var installed = await service.InstallAsync(enrollment, body.ConfirmWarnings, actor, cancellationToken);
        if (installed.Succeeded)
        {
            return Results.Created(ApiEndpoints.Prefix + "/certificate", new InstallResponse(installed.Value, report));
        }

        // Issued but not confirmed: kept so that the enrollment password it used is not wasted.
        var kept = installed.Problems.Contains(InstallErrors.WarningsNotConfirmed) ? await service.KeepIssuedAsync(enrollment, ca.Value, actor, cancellationToken) : null;
        return ApiProblems.For([.. installed.Problems, .. report.Problems], ApiProblems.StatusFor(installed.Problems[0]), report, kept is { Succeeded: true } ? kept.Value : null);
    }

    private static Task<IReadOnlyList<ScepTransactionSummary>> ListAsync(ScepTransactionStore store, CancellationToken cancellationToken) =>
        store.ListOpenAsync(cancellationToken);

    private static async Task<IResult> GetAsync(long id, ScepTransactionStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } enrollment
            ? Results.Ok(enrollment)
            : ApiProblems.For(ApiErrors.EnrollmentNotFound, StatusCodes.Status404NotFound);

    private static async Task<IResult> InstallAsync(long id, InstallHeldBody body, HttpContext context, ScepTransactionPoller poller, CancellationToken cancellationToken)
    {
        var installed = await poller.InstallIssuedAsync(id, body.ConfirmWarnings, context.User.ActorName(), cancellationToken);
        return installed.Succeeded ? Results.Ok(installed.Value) : ApiProblems.From(installed);
    }

    private static async Task<IResult> CancelAsync(long id, HttpContext context, ScepTransactionPoller poller, CancellationToken cancellationToken)
    {
        var cancelled = await poller.CancelAsync(id, context.User.ActorName(), cancellationToken);
        return cancelled.Succeeded ? Results.Ok(cancelled.Value) : ApiProblems.From(cancelled);
    }
}
