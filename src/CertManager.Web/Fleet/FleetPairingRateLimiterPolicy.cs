using System.Globalization;
using System.Threading.RateLimiting;
using CertManager.Core.Fleet;
using CertManager.Core.Results;
using CertManager.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Fleet;

/// <summary>
/// Pairing attempts per client address: <see cref="FleetOptions.PairingAttemptsPerAddress"/> (10 by default) in 15
/// minutes (a code lives 15 minutes and pairs one server). Guessing a 256-bit secret is hopeless anyway; this keeps
/// someone from filling the log or the CPU with attempts.
/// </summary>
internal sealed class FleetPairingRateLimiterPolicy(IOptions<FleetOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "fleet-pairing";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static readonly Problem TooManyAttempts = Problem.Error(
        "fleet.pairing-rate-limited", "Too many pairing attempts from this address.", "Wait for the time in the Retry-After header, then paste a fresh code.");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ApiProblems.For(TooManyAttempts, StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PairingAttemptsPerAddress, Window = Window, QueueLimit = 0 });
}
