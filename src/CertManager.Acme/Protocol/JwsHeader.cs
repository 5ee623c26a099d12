namespace CertManager.Acme.Protocol;

/// <summary>
/// The JWS protected header (RFC 8555 §6.2): <c>alg</c>, <c>nonce</c> and <c>url</c>, and exactly one of <c>jwk</c>
/// (newAccount, revocation by certificate key) or <c>kid</c> (the account URL, every other request). The inner JWS of
/// External Account Binding and key rollover carries no nonce (§7.3.4, §7.3.5).
/// </summary>
internal sealed record JwsHeader(string Alg, string? Nonce, string Url, Jwk? Jwk = null, string? Kid = null);
