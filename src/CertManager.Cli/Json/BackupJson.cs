namespace CertManager.Cli.Json;

/// <summary>What <c>certman backup --json</c> and <c>certman restore --json</c> print on success (docs/cli.md).</summary>
/// <param name="Path">The archive written (backup) or the data directory restored (restore), full path.</param>
/// <param name="ActiveVersion">The certificate version the console presents from it; <c>default</c> for the self-signed default.</param>
/// <param name="Files">How many files the archive holds.</param>
/// <param name="Bytes">The archive's size in bytes.</param>
internal sealed record BackupJson(string Path, string ActiveVersion, int Files, long Bytes);
