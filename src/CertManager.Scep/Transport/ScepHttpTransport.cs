using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using CertManager.Core.Results;

namespace CertManager.Scep.Transport;

/// <summary>
/// The HTTP side of SCEP (RFC 8894 §4): GET for GetCACaps and GetCACert, PKIOperation by POST or GET. Knows nothing
/// about CMS; it turns every network and HTTP failure into its own <see cref="Problem"/>.
/// </summary>
internal sealed class ScepHttpTransport(HttpClient http, TimeSpan timeout)
{
    /// <summary>RFC 8894 §4.3: the body of a PKIOperation POST and of its reply.</summary>
    public const string PkiMessageMediaType = "application/x-pki-message";

    /// <summary>The largest answer read from a CA: CertReps and CA certificate sets are a few kilobytes.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    public Task<Result<(byte[] Body, string? MediaType)>> GetAsync(ScepEndpoint endpoint, string operation, string? message, CancellationToken cancellationToken) =>
        SendAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Get, endpoint.Operation(operation, message)), cancellationToken);

    /// <summary>RFC 8894 §4.3: POST the binary pkiMessage when the CA offers POSTPKIOperation, otherwise GET with it base64-encoded.</summary>
    public Task<Result<(byte[] Body, string? MediaType)>> PkiOperationAsync(ScepEndpoint endpoint, byte[] message, bool post, CancellationToken cancellationToken) =>
        post
            ? SendAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Post, endpoint.Operation("PKIOperation"))
            {
                Content = new ByteArrayContent(message) { Headers = { ContentType = new MediaTypeHeaderValue(PkiMessageMediaType) } },
            }, cancellationToken)
            : GetAsync(endpoint, "PKIOperation", Convert.ToBase64String(message), cancellationToken);

    private async Task<Result<(byte[] Body, string? MediaType)>> SendAsync(ScepEndpoint endpoint, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var url = endpoint.Url;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var request = create();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return ScepErrors.NotFound(url);
            }

            if ((int)response.StatusCode >= 500)
            {
                return ScepErrors.ServerError(url, (int)response.StatusCode, response.ReasonPhrase ?? string.Empty);
            }

            if (!response.IsSuccessStatusCode)
            {
                return ScepErrors.HttpStatus(url, (int)response.StatusCode, response.ReasonPhrase ?? string.Empty);
            }

            var body = await ReadBoundedAsync(response.Content, timeoutSource.Token);
            return body is null
                ? ScepErrors.AnswerTooLarge(url, MaxAnswerBytes)
                : Result<(byte[], string?)>.Success((body, response.Content.Headers.ContentType?.MediaType));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ScepErrors.Timeout(url, timeout);
        }
        catch (HttpRequestException exception)
        {
            return Describe(url, exception);
        }
    }

    /// <summary>The body, or null as soon as it proves longer than <see cref="MaxAnswerBytes"/> (announced or counted).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Problem Describe(Uri url, HttpRequestException exception)
    {
        if (exception.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return ScepErrors.HostUnknown(url);
        }

        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError || exception.InnerException is AuthenticationException)
        {
            return ScepErrors.TlsFailed(url, exception.InnerException?.Message ?? exception.Message);
        }

        if (exception.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded)
        {
            return ScepErrors.NotScep(url, $"the server did not answer in HTTP ({exception.Message}).");
        }

        return ScepErrors.Unreachable(url, ConnectionFailureText.Describe(exception));
    }
}
