using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using CertManager.Acme.Protocol;
using CertManager.Core.Results;
using Microsoft.Extensions.Logging;

namespace CertManager.Acme.Transport;

/// <summary>
/// The HTTP side of ACME (RFC 8555 §6): GET for the directory and renewalInfo, signed POSTs with a fresh nonce each
/// (§6.5, §7.2), a retry with a new nonce after <c>badNonce</c>, problem documents (§6.7) turned into
/// <see cref="Problem"/> values, and every network failure into its own problem. Knows nothing of orders.
/// </summary>
internal sealed class AcmeHttpTransport(HttpClient http, NoncePool nonces, AcmeOptions options, TimeProvider time, ILogger logger)
{
    public const string JoseMediaType = "application/jose+json";
    public const string ProblemMediaType = "application/problem+json";
    public const string PemChainMediaType = "application/pem-certificate-chain";

    private long _badNonceRetries;

    /// <summary>How many requests were sent again after a badNonce, for the log and the tests.</summary>
    public long BadNonceRetries => Interlocked.Read(ref _badNonceRetries);

    private TimeSpan Timeout => TimeSpan.FromSeconds(options.TimeoutSeconds);

    public Task<Result<AcmeHttpResponse>> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(url, () => new HttpRequestMessage(HttpMethod.Get, url), newNonceUrl: null, cancellationToken);

    /// <summary>
    /// Sends a JWS POST; <paramref name="sign"/> makes the body for a given nonce. A <c>badNonce</c> answer is retried
    /// with the nonce that came with it (§6.5), up to <see cref="AcmeOptions.BadNonceRetries"/> times.
    /// </summary>
    public async Task<Result<AcmeHttpResponse>> PostAsync(Uri url, Uri newNonceUrl, Func<string, JwsMessage> sign, string? accept, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await TakeNonceAsync(newNonceUrl, cancellationToken);
            if (!nonce.Succeeded)
            {
                return Result<AcmeHttpResponse>.Failure(nonce.Problems);
            }

            var body = JsonSerializer.Serialize(sign(nonce.Value), AcmeJsonContext.Default.JwsMessage);
            var response = await SendAsync(url, () => Post(url, body, accept), newNonceUrl, cancellationToken);
            if (response.Succeeded || response.Problems[0].Code != "acme.bad-nonce" || attempt >= options.BadNonceRetries)
            {
                return response;
            }

            Interlocked.Increment(ref _badNonceRetries);
            AcmeLog.BadNonceRetry(logger, url, attempt + 1);
        }
    }

    private static HttpRequestMessage Post(Uri url, string body, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseMediaType);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return request;
    }

    /// <summary>§7.2: a nonce from an earlier response, else HEAD newNonce.</summary>
    private async Task<Result<string>> TakeNonceAsync(Uri newNonceUrl, CancellationToken cancellationToken)
    {
        if (nonces.TryTake(newNonceUrl, out var nonce))
        {
            return Result<string>.Success(nonce);
        }

        var response = await SendAsync(newNonceUrl, () => new HttpRequestMessage(HttpMethod.Head, newNonceUrl), newNonceUrl, cancellationToken);
        if (!response.Succeeded)
        {
            return Result<string>.Failure(response.Problems);
        }

        return nonces.TryTake(newNonceUrl, out nonce)
            ? Result<string>.Success(nonce)
            : AcmeErrors.NotAcme(newNonceUrl, "the newNonce resource gave no Replay-Nonce header.");
    }

    private async Task<Result<AcmeHttpResponse>> SendAsync(Uri url, Func<HttpRequestMessage> create, Uri? newNonceUrl, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(Timeout);
        try
        {
            using var request = create();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token);
            if (newNonceUrl is not null && response.Headers.TryGetValues("Replay-Nonce", out var replay))
            {
                foreach (var value in replay)
                {
                    nonces.Add(newNonceUrl, value);
                }
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeoutSource.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var retryAfter = RetryAfter(response.Headers.RetryAfter);
            if (!response.IsSuccessStatusCode)
            {
                return Failure(url, response, body, mediaType, retryAfter);
            }

            var links = response.Headers.TryGetValues("Link", out var linkValues) ? LinkHeader.Parse(linkValues, url).ToList() : [];
            return Result<AcmeHttpResponse>.Success(new AcmeHttpResponse(response.StatusCode, body, mediaType, response.Headers.Location is { } location ? new Uri(url, location) : null, retryAfter, links));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AcmeErrors.Timeout(url, Timeout);
        }
        catch (HttpRequestException exception)
        {
            return Describe(url, exception);
        }
    }

    private Problem Failure(Uri url, HttpResponseMessage response, byte[] body, string? mediaType, TimeSpan? retryAfter)
    {
        if (mediaType == ProblemMediaType || (mediaType?.EndsWith("json", StringComparison.Ordinal) ?? false))
        {
            try
            {
                if (JsonSerializer.Deserialize(body, AcmeJsonContext.Default.AcmeProblemDocument) is { Type: not null } document)
                {
                    AcmeLog.CaProblem(logger, url, document.Type, document.Detail ?? string.Empty);
                    return AcmeErrors.FromCa(document, retryAfter is { } wait ? time.GetUtcNow() + wait : null);
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: reported by status below.
            }
        }

        return AcmeErrors.HttpStatus(url, (int)response.StatusCode, response.ReasonPhrase ?? string.Empty);
    }

    /// <summary>RFC 9110 §10.2.3: seconds or an HTTP date; a date in the past means now.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static Problem Describe(Uri url, HttpRequestException exception)
    {
        if (exception.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return AcmeErrors.HostUnknown(url);
        }

        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError || exception.InnerException is AuthenticationException)
        {
            return AcmeErrors.TlsFailed(url, exception.InnerException?.Message ?? exception.Message);
        }

        return AcmeErrors.Unreachable(url, ConnectionFailureText.Describe(exception));
    }
}
