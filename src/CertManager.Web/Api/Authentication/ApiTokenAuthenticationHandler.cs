using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CertManager.Core.Results;
using CertManager.Core.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Api.Authentication;

/// <summary>
/// <c>Authorization: Bearer cm_...</c> (RFC 6750): the token's owner acting with the token's role and scopes. The
/// principal's name is the actor events record, e.g. <c>alice (token #3)</c>, so everything a script does is
/// attributable. A refusal is an RFC 9457 problem document with the same codes as the console's messages.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private Problem? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            _failure = TokenErrors.Missing;
            return AuthenticateResult.NoResult();
        }

        var authenticated = await tokens.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (!authenticated.Succeeded)
        {
            _failure = authenticated.Problems[0];
            return AuthenticateResult.Fail(_failure.Message);
        }

        var token = authenticated.Value;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, token.Actor),
            new(ClaimTypes.Role, token.Role.ToString()),
            new(ApiTokenDefaults.TokenIdClaim, token.TokenId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(token.Scopes.Select(scope => new Claim(ApiTokenDefaults.ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problem = _failure ?? TokenErrors.Missing;
        Response.Headers.WWWAuthenticate = problem == TokenErrors.Missing ? "Bearer" : "Bearer error=\"invalid_token\"";
        return ApiProblems.For(problem, StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? "?";
        Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        return ApiProblems.For(TokenErrors.ScopeMissing(scope), StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
