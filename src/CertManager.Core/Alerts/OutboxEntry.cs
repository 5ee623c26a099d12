namespace CertManager.Core.Alerts;

/// <summary>An alert email still waiting for the SMTP server, as the Email Alerts page lists it.</summary>
public sealed record OutboxEntry(long Id, string Subject, DateTimeOffset Queued, int Attempts, DateTimeOffset NextAttempt, string? LastError);
