using CertManager.Core.Storage;
using Microsoft.AspNetCore.Components.Endpoints;

namespace CertManager.Web.Hosting;

/// <summary>
/// A page view (a GET of a Blazor page, rendered on the server) reads the database's data version once: the session
/// check, the navigation badge and every cache of the page share one <see cref="DataVersionSnapshot"/>. Form posts,
/// the API and the Blazor hub (whose circuits live for hours) read it at each use, as before.
/// </summary>
internal static class PageViewSnapshot
{
    /// <summary>After routing (the endpoint is known), before authentication (whose session check reads the version).</summary>
    public static IApplicationBuilder UsePageViewSnapshot(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsPageView(context))
            {
                await next(context);
                return;
            }

            using var snapshot = DataVersionSnapshot.Begin();
            await next(context);
        });

    private static bool IsPageView(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
