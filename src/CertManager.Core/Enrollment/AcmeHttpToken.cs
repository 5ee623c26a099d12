namespace CertManager.Core.Enrollment;

/// <summary>
/// An http-01 answer the console serves while its order is in progress (RFC 8555 §8.3): the token of the path
/// <c>/.well-known/acme-challenge/{token}</c> and the key authorization to answer. Removed when the challenge is
/// decided; never served after <see cref="Expires"/>.
/// </summary>
internal sealed class AcmeHttpToken
{
    public required string Token { get; set; }

    public required string KeyAuthorization { get; set; }

    public DateTimeOffset Expires { get; set; }
}
