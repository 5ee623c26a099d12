using CertManager.Core.Enrollment;
using CertManager.Core.Tokens;

namespace CertManager.Web.Api;

/// <summary><c>/api/v1/scep/enrollments</c>: SCEP enrollments that are still open (pending at the CA, issued, failed) and their state.</summary>
internal static class ScepApi
{
    public static RouteGroupBuilder MapScepApi(this RouteGroupBuilder api)
    {
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
        return api;
    }

    private static Task<IReadOnlyList<ScepTransactionSummary>> ListAsync(ScepTransactionStore store, CancellationToken cancellationToken) =>
        store.ListOpenAsync(cancellationToken);

    private static async Task<IResult> GetAsync(long id, ScepTransactionStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } enrollment
            ? Results.Ok(enrollment)
            : ApiProblems.For(ApiErrors.EnrollmentNotFound, StatusCodes.Status404NotFound);
}
