namespace CertManager.Core.Events;

/// <summary>An unresolved condition event as a check compares it: its id, its condition key and its severity.</summary>
internal sealed record OpenCondition(long Id, string ConditionKey, EventSeverity Severity);
