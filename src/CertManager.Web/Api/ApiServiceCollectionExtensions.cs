using System.Text.Json.Serialization;
using CertManager.Web.Api.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace CertManager.Web.Api;

/// <summary>The REST API's authentication scheme, policies, rate limit and JSON shape.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerApi(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenDefaults.Scheme, displayName: "API token", configureOptions: null);
        services.AddAuthorizationBuilder().AddApiPolicies();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ApiRateLimiterPolicy>(ApiRateLimiterPolicy.Name));
        services.AddCertManagerOpenApi();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
