using CertManager.Core.Accounts;

namespace CertManager.Web.Security;

/// <summary>Role names as they appear in claims and in <c>[Authorize(Roles = ...)]</c>.</summary>
public static class Roles
{
    public const string Administrator = nameof(UserRole.Administrator);
    public const string Operator = nameof(UserRole.Operator);
    public const string Helpdesk = nameof(UserRole.Helpdesk);

    /// <summary>Those who may export private keys (later: bundle downloads).</summary>
    public const string AdministratorOrOperator = Administrator + "," + Operator;

    /// <summary>Every role: pages everyone may see, such as the public certificate download.</summary>
    public const string AnyRole = Administrator + "," + Operator + "," + Helpdesk;

    /// <summary>The roles that see certificate actions outside the administrator's list (downloads).</summary>
    public const string OperatorOrHelpdesk = Operator + "," + Helpdesk;
}
