using System.Globalization;
using System.Threading.RateLimiting;
using CertManager.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on every form post that checks a password, in two fixed-window partitions: the user
/// name (from the sign-in form, or the signed-in user) and the client address. A refused post gets 429 with
/// <c>Retry-After</c> (RFC 9110 section 10.2.3) before any password is hashed. Endpoints with a policy of their own go
/// through the limiter before authentication (<see cref="UseCertManagerEndpointLimits"/>); every other request skips it.
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
        // Only password posts go through the global limiter here (after authentication: a change of password is limited
        // per signed-in user). For every other request it answers "no limit", but asking it took two partition locks
        // shared by all requests in flight.
        return app.UseWhen(context => IsPasswordPost(context.Request), limited => limited.UseRateLimiter());
    }

    /// <summary>
    /// Endpoints with a rate limiting policy of their own (the API's per token, the fleet's pairing) are limited before
    /// authentication: their partitions need no user, and a refused request then costs no token check.
    /// </summary>
    public static IApplicationBuilder UseCertManagerEndpointLimits(this IApplicationBuilder app) =>
        app.UseWhen(HasPolicyOfItsOwn, limited => limited.UseRateLimiter());

    /// <summary>An endpoint with a rate limiting policy of its own.</summary>
    internal static bool HasPolicyOfItsOwn(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null;

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

    internal static bool IsPasswordPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && PasswordPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
}
