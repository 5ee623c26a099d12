namespace CertManager.Core.Backup;

/// <summary>What a backup holds, or what a restore brought back.</summary>
/// <param name="Path">The archive written, or the data directory restored.</param>
/// <param name="ActiveVersion">The certificate version the console presents (<c>default</c> for the self-signed one).</param>
/// <param name="Files">How many files the archive holds.</param>
/// <param name="Bytes">The archive's size.</param>
public sealed record BackupSummary(string Path, string ActiveVersion, int Files, long Bytes);
