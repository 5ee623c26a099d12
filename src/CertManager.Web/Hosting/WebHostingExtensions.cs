using CertManager.Core.Accounts;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using CertManager.Web.Api;
using CertManager.Web.Components;
using CertManager.Web.Fleet;
using CertManager.Web.Metrics;
using CertManager.Web.Security;
using CertManager.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

namespace CertManager.Web.Hosting;

/// <summary>The console's services, start-up work, middleware pipeline and endpoints, so that Program.cs reads as a table of contents.</summary>
public static class WebHostingExtensions
{
    public const string CertificateTabPath = "/security/web-server/certificate";

    public static IServiceCollection AddCertManagerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHealthChecks().AddCheck<CertificateHealthCheck>("certificate");
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "CertManager.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddScoped<CertificateUploadSession>();
        services.AddScoped<ScepEnrollmentSession>();
        services.AddScoped<AcmeEnrollmentSession>();
        services.AddSingleton<ExportTicketStore>();
        services.AddSingleton<StoredVersionReader>();
        services.AddSingleton<EnrollmentStateReader>();
        return services;
    }

    /// <summary>Brings the database up to date, creates the first administrator and loads the certificate before serving.</summary>
    internal static async Task InitializeCertManagerAsync(this IServiceProvider services, StartupTimeline timeline)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        timeline.Mark("database checked");
        await services.GetRequiredService<FirstAdministratorSeeder>().SeedAsync();
        timeline.Mark("first administrator checked");
        _ = services.GetRequiredService<ServerCertificateProvider>().Current;
        timeline.Mark("certificate loaded");
    }

    public static WebApplication UseCertManagerPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // First: the request log, the sign-in limits and the events then see the client behind a trusted proxy.
        app.UseCertManagerForwardedHeaders();
        app.UseCertManagerRequestLogging();
        app.UseCertManagerSecurityHeaders();
        app.UseAcmeHttpChallenge();
        app.UseHttpsRedirection();
        app.UseCertManagerOriginCheck();
        // A page that does not exist is answered inside the console's layout; other clients (scripts, downloads) keep
        // their plain status codes.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages && !AcceptsHtml(context.Request))
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UsePageViewSnapshot();
        app.UseCertManagerEndpointLimits();
        app.UseAuthentication();
        app.UseCertManagerSignInLimits();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The console's page for addresses that lead nowhere (404).</summary>
    public const string NotFoundPath = "/not-found";

    private static bool AcceptsHtml(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapCertManagerEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect(CertificateTabPath));
        app.MapPost("/account/logout", async (HttpContext context, UserAccountService accounts) =>
        {
            // The form carries only the antiforgery token; RequestForms refuses the request when it was missing or wrong.
            var (form, refusal) = await RequestForms.ReadAsync(context.Request, context.RequestAborted);
            if (form is null)
            {
                return refusal!;
            }

            // A new security stamp ends this session server-side: a copy of the cookie is refused from now on.
            if (context.User.UserId() is { } userId)
            {
                await accounts.EndSessionsAsync(userId, context.RequestAborted);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/login");
        }).Accepts<IFormCollection>(RequestForms.ContentTypes[0], RequestForms.ContentTypes[1]).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapCsrDownload();
        app.MapExportDownload();
        app.MapCertManagerApi();
        app.MapCertManagerFleet();
        app.MapCertManagerMetrics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
