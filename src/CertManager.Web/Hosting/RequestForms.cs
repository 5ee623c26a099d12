using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace CertManager.Web.Hosting;

/// <summary>
/// Reads a request's form inside an endpoint, with the answers ASP.NET Core's run-time form binding gives: 400 when the
/// antiforgery check failed, 415 without a form content type, the server's status for a body over its limits, 400 for
/// a malformed form, an empty form when the request can have no body. The endpoints are built at compile time by the
/// request delegate generator, which binds no form type and, after a failed antiforgery check, throws (500) where the
/// run-time binding answered 400; so endpoints that take a form read it here.
/// </summary>
internal static class RequestForms
{
    /// <summary>The content types a form comes in; endpoints that read one declare them (<c>Accepts</c>), as form binding did.</summary>
    public static readonly string[] ContentTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

    public static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return (null, Results.BadRequest());
        }

        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return (FormCollection.Empty, null);
        }

        if (!request.HasFormContentType)
        {
            return (null, Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (BadHttpRequestException exception)
        {
            return (null, Results.StatusCode(exception.StatusCode));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return (null, Results.BadRequest());
        }
    }
}
