namespace CertManager.Cli.Json;

/// <summary>What <c>certman install</c>, <c>uninstall</c> and <c>activate</c> print with <c>--json</c> on success: the certificate now presented.</summary>
/// <param name="Version">The stored version now active: an installed version's name, or <c>default</c>.</param>
/// <param name="Subject">The presented certificate's subject.</param>
/// <param name="Sha256Fingerprint">Its SHA-256 fingerprint, colon-separated upper-case hex, as a TLS client sees it.</param>
/// <param name="Warnings">The warnings that were accepted (<c>install --accept-warnings</c>); empty otherwise.</param>
internal sealed record InstalledJson(string Version, string Subject, string Sha256Fingerprint, IReadOnlyList<ProblemJson> Warnings);
