using CertManager.Core.Accounts;
using CertManager.Core.Results;

namespace CertManager.Core.Tokens;

/// <summary>The problems API tokens can meet, with stable codes.</summary>
public static class TokenErrors
{
    public const int MaxNameLength = 64;

    public static readonly Problem NameInvalid = Problem.Error(
        "token.name-invalid", $"A token needs a name of 1 to {MaxNameLength} characters.", "Name the token after the script or system that will use it, e.g. 'ansible-deploy'.");

    public static readonly Problem NoScopes = Problem.Error(
        "token.no-scopes", "A token needs at least one scope.", "Tick the scopes the script needs, and only those.");

    public static Problem UnknownScope(string scope) => Problem.Error(
        "token.unknown-scope", $"'{scope}' is not a scope.", $"Use one of: {string.Join(", ", ApiScopes.All)}.");

    public static Problem RoleAboveOwner(UserRole role, UserRole owner) => Problem.Error(
        "token.role-above-owner", $"A token cannot act as {role}: your role is {owner}.", $"Choose {owner} or a lower role.");

    public static Problem ScopeNotAllowed(string scope, UserRole role) => Problem.Error(
        "token.scope-not-allowed", $"The scope '{scope}' needs the role {string.Join(" or ", ApiScopes.Roles[scope])}; the token acts as {role}.", "Leave that scope out, or choose a role that may hold it.");

    public static Problem ExpiryInvalid(int maxDays) => Problem.Error(
        "token.expiry-invalid", $"A token must expire in the future and within {maxDays} days.", "Choose an expiry date within that range; make a new token when it runs out.");

    public static readonly Problem NotFound = Problem.Error(
        "token.not-found", "There is no such token of yours.", "Reload the list of tokens.");

    public static readonly Problem Missing = Problem.Error(
        "token.missing", "This request needs an API token.", "Send 'Authorization: Bearer <token>' with a token made on your profile page.");

    public static readonly Problem Invalid = Problem.Error(
        "token.invalid", "The API token is not valid: unknown, revoked or expired, or its user is disabled.", "Make a new token on your profile page.");

    public static Problem ScopeMissing(string scope) => Problem.Error(
        "token.scope-missing", $"The token lacks the scope '{scope}', or its role may not do this.", $"Use a token with the scope '{scope}' made by a user whose role may do this.");
}
