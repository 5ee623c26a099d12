namespace CertManager.Cli.Json;

/// <summary>One installed version in <c>certman versions --json</c>.</summary>
internal sealed record VersionJson(string Version, bool Active, string Subject, string NotAfter, string Sha256Fingerprint);
