using CertManager.Core.Accounts;

namespace CertManager.Core.Tokens;

/// <summary>A presented token that is valid now: its owner, the role it acts with and its scopes.</summary>
public sealed record AuthenticatedToken(long TokenId, string TokenName, int UserId, string UserName, UserRole Role, IReadOnlyList<string> Scopes)
{
    /// <summary>How events name what was done with this token: the user and the token, e.g. <c>alice (token #3)</c>.</summary>
    public string Actor => $"{UserName} (token #{TokenId})";
}
