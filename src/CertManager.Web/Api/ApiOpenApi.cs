using CertManager.Web.Api.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CertManager.Web.Api;

/// <summary>
/// The API's OpenAPI 3.1 document, generated from the endpoints by Microsoft.AspNetCore.OpenApi and served to
/// signed-in users at <c>/openapi/v1.json</c>; docs/openapi-v1.json is the committed copy a test keeps in step.
/// Each operation names the scope it needs as its bearer security requirement.
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    private const string SchemeName = "bearer";

    public static IServiceCollection AddCertManagerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.RelativePath?.StartsWith(ApiEndpoints.Prefix.TrimStart('/'), StringComparison.Ordinal) == true;
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeSecurity);
        });

    public static IEndpointRouteBuilder MapCertManagerOpenApi(this IEndpointRouteBuilder endpoints)
    {
        // Signed-in users only (the console's fallback policy): the document is a map of what the console can do.
        endpoints.MapOpenApi(DocumentPath);
        return endpoints;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CertManager API",
            Version = DocumentName,
            Description = "The console's REST API: the presented certificate, versions, CSRs, install, export, events, trust store and SCEP enrollments. "
                + "Authenticate with an API token made on the profile page (Authorization: Bearer cm_...). Errors are RFC 9457 problem documents whose "
                + "'type' is the problem's stable code and whose 'fix' says what to do.",
        };
        // The document is the same whichever address it was fetched from; clients use the console's own URL.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token (cm_...) from the profile page; its scopes and role limit what it may do.",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scopes = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().Select(s => s.Scope).Distinct().ToList();
        if (scopes.Count > 0)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes }];
            operation.Description = $"Needs a token with {string.Join(" and ", scopes.Select(s => $"'{s}'"))}.";
        }

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or an unknown, revoked or expired one (token.missing, token.invalid)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token lacks the scope, or its role may not do this (token.scope-missing)." });
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Over the token's rate limit (api.rate-limited); see Retry-After." });
        return Task.CompletedTask;
    }
}
