namespace CertManager.Core.Events;

/// <summary>Event severities, as in the classic server manager. The order is escalation order.</summary>
public enum EventSeverity
{
    Info = 0,
    Warning = 1,
    Minor = 2,
    Major = 3,
}
