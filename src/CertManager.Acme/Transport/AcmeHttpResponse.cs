using System.Net;

namespace CertManager.Acme.Transport;

/// <summary>A successful ACME HTTP answer with the headers the protocol uses (RFC 8555 §7): Location, Link, Retry-After.</summary>
internal sealed record AcmeHttpResponse(
    HttpStatusCode Status,
    byte[] Body,
    string? MediaType,
    Uri? Location,
    TimeSpan? RetryAfter,
    IReadOnlyList<LinkHeader> Links);
