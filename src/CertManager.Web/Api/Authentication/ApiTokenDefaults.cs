namespace CertManager.Web.Api.Authentication;

/// <summary>The API token authentication scheme and the claims it issues.</summary>
public static class ApiTokenDefaults
{
    /// <summary>The scheme name; the API's policies authenticate with this scheme only, never with the sign-in cookie.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>One claim per scope the token carries (OAuth 2.0's name for it).</summary>
    public const string ScopeClaim = "scope";

    /// <summary>The token's id, for the rate limiter's partition and the audit trail.</summary>
    public const string TokenIdClaim = "certmanager:token-id";
}
