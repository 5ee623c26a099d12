using System.Globalization;
using System.Threading.RateLimiting;
using CertManager.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on every form post that checks a password, in two fixed-window partitions: the user
/// name (from the sign-in form, or the signed-in user) and the client address. A refused post gets 429 with
/// <c>Retry-After</c> (RFC 9110 section 10.2.3) before any password is hashed. Requests that no limiter can refuse
/// skip the middleware (<see cref="CanBeLimited"/>).
/// </summary>
public static class SignInRateLimiting
{
    /// <summary>The pages whose form posts carry a password.</summary>
    private static readonly PathString[] PasswordPaths = ["/account/login", "/account/change-password", ExportDownloadEndpoint.PagePath];

    private const string UserNameItem = "certmanager:rate-limit-user-name";

    public static IServiceCollection AddCertManagerSignInLimits(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.SectionName).ValidateDataAnnotations();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitOptions>>((limiter, limits) =>
        {
            var options = limits.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "address:" + context.Connection.RemoteIpAddress, options.PermitsPerAddress, options.Window)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "user:" + UserName(context), options.PermitsPerUserName, options.Window)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync(
                    $"Too many password attempts. Try again in {seconds} seconds.", cancellationToken));
            };
        });
        return services;
    }

    /// <summary>Reads the user name a sign-in form names (the form is buffered for the page), then applies the limits.</summary>
    public static IApplicationBuilder UseCertManagerSignInLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsPasswordPost(context.Request) && context.Request.HasFormContentType && context.User.Identity?.IsAuthenticated != true)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Items[UserNameItem] = form["Input.UserName"].ToString();
            }

            await next(context);
        });
        // Only requests the limiter can refuse go through it: password posts (the global limiter) and endpoints with a
        // policy of their own (the API's, the fleet's pairing). For every other request the global limiter answers "no
        // limit", but asking it took two partition locks shared by all requests in flight.
        return app.UseWhen(CanBeLimited, limited => limited.UseRateLimiter());
    }

    /// <summary>A password post, or an endpoint with a rate limiting policy of its own.</summary>
    internal static bool CanBeLimited(HttpContext context) =>
        IsPasswordPost(context.Request) || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null;

    private static RateLimitPartition<string> Partition(HttpContext context, string key, int permits, TimeSpan window) =>
        IsPasswordPost(context.Request)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Empty);

    /// <summary>Normalized as sign-in compares names, and bounded so that a long made-up name costs no memory.</summary>
    private static string UserName(HttpContext context)
    {
        var name = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : context.Items[UserNameItem] as string;
        name = (name ?? string.Empty).Trim().ToUpperInvariant();
        return name.Length <= 64 ? name : name[..64];
    }

    private static bool IsPasswordPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && PasswordPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
}
