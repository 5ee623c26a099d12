using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>
/// A follower's HTTPS client for its edge. The edge's TLS certificate is not what the follower trusts (it is the very
/// thing the edge distributes, and starts self-signed): every answer that matters is signed by the pinned identity key,
/// the key inside a bundle is encrypted to this follower, the registration carries an HMAC rather than the code's
/// secret, and requests are signed with a nonce. TLS still hides the traffic from passive observers.
/// </summary>
public sealed class EdgeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;

    public EdgeClient(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) };
#pragma warning disable CA5359 // See the class comment: authenticity comes from the pinned fleet identity key, not from TLS.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        // The chain .NET builds for that callback is never used, so it must not go to the network either: by default
        // it downloads missing issuers from the certificate's AIA address, which blocked each connection's thread for
        // as long as that address did not answer (an enterprise CA's URL seen from the LAN) and stalled many at once.
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { DisableCertificateDownloads = true, RevocationMode = X509RevocationMode.NoCheck };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    internal async Task<Result<RegistrationResponse>> RegisterAsync(Uri edgeUrl, RegistrationRequest request, CancellationToken cancellationToken)
    {
        using var timeout = Within(TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            using var response = await _http.PostAsJsonAsync(new Uri(edgeUrl, FleetPaths.Register), request, FleetJson.Options, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return await RefusalAsync(response, timeout.Token);
            }

            var body = await response.Content.ReadFromJsonAsync<RegistrationResponse>(FleetJson.Options, timeout.Token);
            return body is null ? FleetErrors.EdgeRefused("empty", "no answer") : Result<RegistrationResponse>.Success(body);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return FleetErrors.EdgeUnreachable(exception.Message);
        }
    }

    /// <summary>Asks for anything newer than <paramref name="seen"/>, waiting up to <paramref name="wait"/> on the edge.</summary>
    internal async Task<Result<PollResult>> PollAsync(Following following, string? seen, TimeSpan wait, CancellationToken cancellationToken)
    {
        var query = $"?wait={(int)wait.TotalSeconds}" + (seen is null ? string.Empty : $"&seen={Uri.EscapeDataString(seen)}");
        using var request = Sign(following, HttpMethod.Get, FleetPaths.Bundle + query, [], out var nonce);
        using var timeout = Within(wait + TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return Result<PollResult>.Success(new PollResult(null, nonce));
            }

            if (!response.IsSuccessStatusCode)
            {
                return await RefusalAsync(response, timeout.Token);
            }

            return Result<PollResult>.Success(new PollResult(await response.Content.ReadAsByteArrayAsync(timeout.Token), nonce));
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return FleetErrors.EdgeUnreachable(exception.Message);
        }
    }

    internal async Task<Result<bool>> ReportAsync(Following following, FollowerReport report, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(report, FleetJson.Options);
        using var request = Sign(following, HttpMethod.Post, FleetPaths.Report, body, out _);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var timeout = Within(TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? Result<bool>.Success(true) : await RefusalAsync(response, timeout.Token);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return FleetErrors.EdgeUnreachable(exception.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Sign(Following following, HttpMethod method, string pathAndQuery, byte[] body, out string nonce)
    {
        nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(method, new Uri(following.EdgeUrl, pathAndQuery));
        var canonical = FleetRequestSignature.Canonical(method.Method, request.RequestUri!.PathAndQuery, timestamp, nonce, body);
        request.Headers.Add(FleetRequestSignature.FollowerHeader, following.FollowerId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(FleetRequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(FleetRequestSignature.NonceHeader, nonce);
        request.Headers.Add(FleetRequestSignature.SignatureHeader, FleetRequestSignature.Sign(following.SigningKey, canonical));
        return request;
    }

    private static async Task<Problem> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            // The edge's own problem, as its page would show it: the code, message and fix stay the edge's.
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 } code
                && code.StartsWith("fleet.", StringComparison.Ordinal) && problem.TryGetProperty("title", out var title))
            {
                var fix = problem.TryGetProperty("fix", out var advice) ? advice.GetString() : null;
                return Problem.Error(code, title.GetString() ?? string.Empty, fix ?? "Follow the advice shown on the proxy console.");
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException)
        {
            // Not a problem document (a proxy's error page): the status says enough.
        }

        return FleetErrors.EdgeRefused(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.ReasonPhrase ?? "HTTP error");
    }

    private static CancellationTokenSource Within(TimeSpan after, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(after);
        return source;
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException or JsonException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
