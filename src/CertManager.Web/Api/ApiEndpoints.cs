using CertManager.Web.Api.Authentication;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1</c>: the console's REST API over the same Core services as the pages and certman. Every endpoint needs
/// an API token (bearer only: cookies are ignored, so antiforgery does not apply and a browser session cannot call
/// it), and each token is rate limited before its token is checked (<c>UseCertManagerEndpointLimits</c>).
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapCertManagerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .DisableAntiforgery()
            .RequireRateLimiting(ApiRateLimiterPolicy.Name)
            .WithTags("CertManager");
        api.MapCertificateApi();
        api.MapVersionsApi();
        api.MapCsrApi();
        api.MapInstallApi();
        api.MapExportApi();
        api.MapEventsApi();
        api.MapTrustApi();
        api.MapScepApi();
        api.MapAcmeApi();
        api.MapSettingsApi();
        endpoints.MapCertManagerOpenApi();
        return endpoints;
    }

    /// <summary>For what only administrators see on the pages, on top of the scope's own roles.</summary>
    internal static TBuilder RequireAdministrator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiTokenDefaults.Scheme).RequireRole(Roles.Administrator));
}
