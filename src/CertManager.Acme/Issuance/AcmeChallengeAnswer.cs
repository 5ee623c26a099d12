namespace CertManager.Acme.Issuance;

/// <summary>
/// What one challenge needs published (RFC 8555 §8): for http-01 the <see cref="Token"/> path and the
/// <see cref="KeyAuthorization"/> body (§8.3); for dns-01 a TXT record <see cref="DnsName"/> holding
/// <see cref="DnsValue"/> (§8.4).
/// </summary>
public sealed record AcmeChallengeAnswer(string Identifier, string ChallengeType, string Token, string KeyAuthorization, string DnsName, string DnsValue);
