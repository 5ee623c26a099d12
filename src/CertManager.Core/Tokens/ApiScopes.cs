using CertManager.Core.Accounts;

namespace CertManager.Core.Tokens;

/// <summary>
/// What an API token may do. A scope only narrows: each is also bound to the roles that may do the same in the
/// console, and a token never has more than its owner's role.
/// </summary>
public static class ApiScopes
{
    public const string CertificateRead = "certificate:read";
    public const string CertificateWrite = "certificate:write";
    public const string EventsRead = "events:read";
    public const string EventsWrite = "events:write";
    public const string ExportKey = "export:key";
    public const string Admin = "admin";
    public const string MetricsRead = "metrics:read";

    /// <summary>Every scope, with the roles that may hold it (the same roles the console's pages require).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<UserRole>> Roles { get; } = new Dictionary<string, IReadOnlyList<UserRole>>(StringComparer.Ordinal)
    {
        [CertificateRead] = [UserRole.Administrator, UserRole.Operator, UserRole.Helpdesk],
        [CertificateWrite] = [UserRole.Administrator],
        [EventsRead] = [UserRole.Administrator, UserRole.Operator, UserRole.Helpdesk],
        [EventsWrite] = [UserRole.Administrator],
        [ExportKey] = [UserRole.Administrator, UserRole.Operator],
        [Admin] = [UserRole.Administrator],
        [MetricsRead] = [UserRole.Administrator, UserRole.Operator, UserRole.Helpdesk],
    };

    public static IReadOnlyList<string> All { get; } = [.. Roles.Keys];

    /// <summary>The scopes a token with <paramref name="role"/> may carry.</summary>
    public static IReadOnlyList<string> AllowedFor(UserRole role) => [.. All.Where(scope => Roles[scope].Contains(role))];

    /// <summary>True when <paramref name="role"/> grants no more than <paramref name="ceiling"/> (Administrator > Operator > Helpdesk).</summary>
    public static bool IsAtMost(UserRole role, UserRole ceiling) => role >= ceiling;

    /// <summary>The lesser of two roles: a token acts with its own role or its owner's current one, whichever is lower.</summary>
    public static UserRole Lesser(UserRole a, UserRole b) => a >= b ? a : b;
}
