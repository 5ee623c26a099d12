using System.Globalization;
using System.Threading.RateLimiting;
using CertManager.Core.Results;
using CertManager.Web.Api.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Api;

/// <summary>
/// A token bucket per API token (<see cref="ApiOptions.RequestsPerMinute"/>), so one runaway script cannot starve the
/// console or other scripts. Runs after authorization, when the request's principal is the token's.
/// </summary>
internal sealed class ApiRateLimiterPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "api-token";

    private static readonly Problem TooManyRequests = Problem.Error(
        "api.rate-limited", "This token made too many requests.", "Wait for the time in the Retry-After header, then slow the script down.");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ApiProblems.For(TooManyRequests, StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var perMinute = options.Value.RequestsPerMinute;
        var key = httpContext.User.FindFirst(ApiTokenDefaults.TokenIdClaim)?.Value ?? "anonymous";
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
