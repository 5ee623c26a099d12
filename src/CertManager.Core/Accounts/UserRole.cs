namespace CertManager.Core.Accounts;

/// <summary>The console's roles. Names are stable: they are stored, and used as ASP.NET role claims.</summary>
public enum UserRole
{
    /// <summary>Everything, including user management.</summary>
    Administrator,

    /// <summary>Views certificates and exports bundles for the servers behind the proxy.</summary>
    Operator,

    /// <summary>Views certificate details and events only.</summary>
    Helpdesk,
}
