using System.Text.Json;
using CertManager.Core.Fleet;
using CertManager.Core.Results;
using CertManager.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Fleet;

/// <summary>
/// <c>/fleet/v1</c>: what the servers behind this proxy call. No user signs in here: registration is proved by the
/// pairing code's HMAC and rate limited per address; every other request must be signed by a paired follower's key
/// (<see cref="FleetRequestAuthenticator"/>). The protocol itself lives in Core (<c>Core/Fleet</c>).
/// </summary>
public static class FleetEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCertManagerFleet(this IEndpointRouteBuilder endpoints)
    {
        var fleet = endpoints.MapGroup(FleetPaths.Prefix).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        fleet.MapPost("/register", RegisterAsync).RequireRateLimiting(FleetPairingRateLimiterPolicy.Name);
        fleet.MapGet("/bundle", BundleAsync);
        fleet.MapPost("/report", ReportAsync);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, PairingService pairing)
    {
        RegistrationRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<RegistrationRequest>(FleetJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return ApiProblems.For(FleetErrors.CodeMalformed, StatusCodes.Status400BadRequest);
        }

        var result = await pairing.RegisterAsync(request, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return result.Succeeded ? Results.Json(result.Value, FleetJson.Options) : ApiProblems.For(result.Problems, StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> BundleAsync(HttpContext context, FleetRequestAuthenticator authenticator, BundleIssuer issuer, IOptions<FleetOptions> options)
    {
        var (follower, nonce, refused) = await AuthenticateAsync(context, authenticator, []);
        if (refused is not null)
        {
            return refused;
        }

        var seen = context.Request.Query["seen"].ToString();
        var wait = int.TryParse(context.Request.Query["wait"], out var seconds) ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : TimeSpan.Zero;
        if (wait > options.Value.LongPollWait)
        {
            wait = options.Value.LongPollWait;
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        var bundle = await issuer.IssueAsync(follower, nonce, seen, address, context.RequestAborted);
        if (bundle.Succeeded && bundle.Value is null && wait > TimeSpan.Zero)
        {
            await issuer.WaitForChangeAsync(issuer.CurrentFingerprint, wait, context.RequestAborted);
            bundle = await issuer.IssueAsync(follower, nonce, seen, address, context.RequestAborted);
        }

        if (!bundle.Succeeded)
        {
            return ApiProblems.For(bundle.Problems, StatusCodes.Status403Forbidden);
        }

        return bundle.Value is { } signed ? Results.Bytes(signed, FleetPaths.BundleMediaType) : Results.NoContent();
    }

    private static async Task<IResult> ReportAsync(HttpContext context, FleetRequestAuthenticator authenticator, FollowerRegistry registry)
    {
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return ApiProblems.For(FleetErrors.RequestUnsigned, StatusCodes.Status413PayloadTooLarge);
        }

        var (follower, _, refused) = await AuthenticateAsync(context, authenticator, body);
        if (refused is not null)
        {
            return refused;
        }

        FollowerReport? report;
        try
        {
            report = JsonSerializer.Deserialize<FollowerReport>(body, FleetJson.Options);
        }
        catch (JsonException)
        {
            report = null;
        }

        if (report is null)
        {
            return Results.BadRequest();
        }

        await registry.RecordReportAsync(follower, report, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<(long Follower, string Nonce, IResult? Refused)> AuthenticateAsync(HttpContext context, FleetRequestAuthenticator authenticator, byte[] body)
    {
        var headers = context.Request.Headers;
        var request = new SignedRequest(
            headers[FleetRequestSignature.FollowerHeader],
            headers[FleetRequestSignature.TimestampHeader],
            headers[FleetRequestSignature.NonceHeader],
            headers[FleetRequestSignature.SignatureHeader],
            context.Request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            body);
        var result = await authenticator.AuthenticateAsync(request, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return result.Succeeded
            ? (result.Value, request.Nonce!, null)
            : (0, string.Empty, ApiProblems.For(result.Problems, StatusFor(result.Problems[0])));
    }

    private static int StatusFor(Problem problem) =>
        problem == FleetErrors.FollowerUnknown ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
