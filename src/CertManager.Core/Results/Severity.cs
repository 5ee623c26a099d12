namespace CertManager.Core.Results;

/// <summary>How much a problem matters: errors block the action, warnings need confirmation, info is advice.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
