namespace CertManager.Cli.Json;

/// <summary>The RFC 2136 dynamic update settings in <c>certman acme status --json</c>; the TSIG secret is never printed.</summary>
internal sealed record AcmeDnsUpdateJson(string Server, int Port, string Zone, string KeyName, string Algorithm, DateTimeOffset Updated, string UpdatedBy);
