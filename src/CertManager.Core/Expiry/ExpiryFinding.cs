namespace CertManager.Core.Expiry;

/// <summary>One checked certificate: the presented one or an intermediate of its chain, and its level now.</summary>
public sealed record ExpiryFinding(string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter, int DaysRemaining, ExpiryLevel Level, bool IsIntermediate);
