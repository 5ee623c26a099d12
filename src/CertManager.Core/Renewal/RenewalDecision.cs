namespace CertManager.Core.Renewal;

/// <summary>When to renew and why, as the Web Server tab shows it.</summary>
public sealed record RenewalDecision(DateTimeOffset DueAt, string Reason);
