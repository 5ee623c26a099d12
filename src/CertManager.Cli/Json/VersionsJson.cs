namespace CertManager.Cli.Json;

/// <summary>What <c>certman versions --json</c> prints: the active version (<c>default</c> for the self-signed one) and the installed ones, newest first.</summary>
internal sealed record VersionsJson(string Active, IReadOnlyList<VersionJson> Versions);
