using CertManager.Core.Tokens;
using CertManager.Web.Api.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CertManager.Web.Api;

/// <summary>
/// One authorization policy per scope: authenticated by an API token only (a sign-in cookie is never looked at, so a
/// browser session cannot be led into calling the API), the scope present, and the role one that may do the same on
/// the pages (<see cref="ApiScopes.Roles"/>).
/// </summary>
public static class ApiPolicies
{
    public static string For(string scope) => "api:" + scope;

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (scope, roles) in ApiScopes.Roles)
        {
            authorization.AddPolicy(For(scope), policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiTokenDefaults.ScopeClaim, scope)
                .RequireRole([.. roles.Select(role => role.ToString())]));
        }

        return authorization;
    }

    /// <summary>Requires <paramref name="scope"/> (and its roles) for these endpoints.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(scope)).WithMetadata(new RequiredScope(scope));
}
