namespace CertManager.Acme.Protocol;

/// <summary>The public half of an EC P-256 account key as a JSON Web Key (RFC 7518 §6.2.1).</summary>
public sealed record Jwk(string Crv, string Kty, string X, string Y);
