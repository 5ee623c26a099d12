using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using CertManager.Core.Results;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Api;

/// <summary>
/// A token bucket per API token (<see cref="ApiOptions.RequestsPerMinute"/>), so one runaway script cannot starve the
/// console or other scripts. The partition is the presented bearer value (hashed), so the console's one rate-limiter
/// middleware can apply it before authentication, and a script guessing tokens is limited too.
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
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(httpContext.Request.Headers.Authorization.ToString())));
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
