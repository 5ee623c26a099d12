using CertManager.Acme.Protocol;
using CertManager.Core.Enrollment;

namespace CertManager.Web.Hosting;

/// <summary>
/// http-01 answered by the console (RFC 8555 §8.3): <c>GET /.well-known/acme-challenge/{token}</c> on every listener,
/// the HTTP one included, anonymous and without the redirect to HTTPS (the CA validates over plain HTTP on port 80
/// and follows no redirect to another port's certificate it does not trust yet). Only tokens of ACME orders in
/// progress are answered, as <c>text/plain</c>; everything else under the path is 404.
/// </summary>
public static class AcmeChallengeEndpoint
{
    /// <summary>Call before the HTTPS redirection and authentication: this branch ends the pipeline for its path.</summary>
    public static WebApplication UseAcmeHttpChallenge(this WebApplication app)
    {
        app.Map(KeyAuthorization.HttpPathPrefix.TrimEnd('/'), branch => branch.Run(AnswerAsync));
        return app;
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var token = context.Request.Path.Value?.TrimStart('/') ?? string.Empty;
        var store = context.RequestServices.GetRequiredService<AcmeStore>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var answer = (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && token.Length is > 0 and <= 256 && !token.Contains('/', StringComparison.Ordinal)
            ? await store.FindHttpAnswerAsync(token, now, context.RequestAborted)
            : null;
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }
}
