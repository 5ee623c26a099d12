using System.Text.Json.Serialization;
using CertManager.Web.Api.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CertManager.Web.Api;

/// <summary>The REST API's authentication scheme, policies, rate limit and JSON shape.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerApi(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenDefaults.Scheme, displayName: "API token", configureOptions: null);
        // The API takes tokens only. Under its prefix the console's default scheme (the cookie) hands its work to the
        // token scheme, so that where no API policy applies (routing's 404 and 415, which carry no endpoint metadata)
        // a script is still judged by its token and refused with the API's 401 problem, never redirected to sign-in.
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            cookie.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix) ? ApiTokenDefaults.Scheme : null);
        services.AddAuthorizationBuilder().AddApiPolicies();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ApiRateLimiterPolicy>(ApiRateLimiterPolicy.Name));
        services.AddCertManagerOpenApi();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
