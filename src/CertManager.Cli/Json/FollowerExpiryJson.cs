namespace CertManager.Cli.Json;

/// <summary>One server behind this proxy in <see cref="ExpiryCheckJson"/>: the certificate it presents and its level.</summary>
internal sealed record FollowerExpiryJson(long Id, string Name, string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter, int DaysRemaining, string Level);
