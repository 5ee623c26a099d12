namespace CertManager.Core.Tokens;

/// <summary>A new token and its secret value, shown once: the console keeps only its hash.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Token, string Value);
