namespace CertManager.Web.Api.Authentication;

/// <summary>Endpoint metadata naming the scope an endpoint needs, for the 403 problem and the OpenAPI document.</summary>
public sealed record RequiredScope(string Scope);
