using CertManager.Core.Accounts;

namespace CertManager.Core.Tokens;

/// <summary>What a user asks for on the profile page: a name, the scopes, the role (at most their own) and the expiry.</summary>
public sealed record NewApiToken(string Name, IReadOnlyList<string> Scopes, UserRole Role, DateTimeOffset Expires);
