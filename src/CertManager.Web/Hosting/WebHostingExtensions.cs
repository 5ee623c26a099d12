using CertManager.Core.Accounts;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using CertManager.Web.Components;
using CertManager.Web.Security;
using CertManager.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CertManager.Web.Hosting;

/// <summary>The console's services, start-up work, middleware pipeline and endpoints, so that Program.cs reads as a table of contents.</summary>
public static class WebHostingExtensions
{
    public const string CertificateTabPath = "/security/web-server/certificate";

    public static IServiceCollection AddCertManagerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHealthChecks().AddCheck<CertificateHealthCheck>("certificate");
        services.AddAntiforgery(options => options.Cookie.Name = "CertManager.Antiforgery");
        services.AddScoped<CertificateUploadSession>();
        services.AddScoped<ScepEnrollmentSession>();
        services.AddSingleton<ExportTicketStore>();
        return services;
    }

    /// <summary>Brings the database up to date, creates the first administrator and loads the certificate before serving.</summary>
    public static async Task InitializeCertManagerAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await services.GetRequiredService<FirstAdministratorSeeder>().SeedAsync();
        _ = services.GetRequiredService<ServerCertificateProvider>().Current;
    }

    public static WebApplication UseCertManagerPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseCertManagerRequestLogging();
        app.UseHttpsRedirection();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapCertManagerEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect(CertificateTabPath));
        app.MapPost("/account/logout", async (HttpContext context, IFormCollection _) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/login");
        });
        app.MapCsrDownload();
        app.MapExportDownload();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
