using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Security;

/// <summary>Cookie sign-in, the session checks and the authorization rules: everything needs a signed-in user unless marked anonymous.</summary>
public static class SecurityServiceCollectionExtensions
{
    public const string CookieName = "CertManager.Auth";

    public static IServiceCollection AddCertManagerSecurity(this IServiceCollection services)
    {
        services.AddSingleton<SessionValidator>();
        services.AddOptionsWithValidateOnStart<SessionOptions>().BindConfiguration(SessionOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionOptions>>((cookie, sessions) => cookie.ExpireTimeSpan = sessions.Value.IdleTimeout);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/access-denied";
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                    if (context.Principal is null || !await validator.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });

        // After the cookie handler's own post-configuration, which creates the ticket format from data protection.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((cookie, time) => cookie.TicketDataFormat = new CachedTicketFormat(cookie.TicketDataFormat, time));

        services.AddAuthorizationBuilder()
            // Every endpoint, page and the Blazor hub need a signed-in user unless marked [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddCascadingAuthenticationState();
        // The host sets each page's user (prerender or circuit); only a live circuit re-checks it on an interval.
        services.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CircuitSessionRevalidator>();
        return services;
    }

    /// <summary>Users who must change their password are sent to the change-password page first.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(c => c.Type == ConsoleClaims.MustChangePassword)
                && !path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect("/account/change-password");
                return;
            }

            await next(context);
        });
}
