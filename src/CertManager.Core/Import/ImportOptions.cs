using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Import;

/// <summary>
/// Bounds on what an upload may cost, so that a broken or hostile file yields a problem rather than a hang.
/// Bound from <c>CertManager:Import</c>.
/// </summary>
public sealed class ImportOptions
{
    public const string SectionName = "CertManager:Import";

    /// <summary>Largest accepted input. Real bundles are a few kilobytes; 1 MiB leaves room for long chains.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxInputBytes { get; set; } = 1024 * 1024;

    /// <summary>Most PEM blocks read from one input.</summary>
    [Range(1, 1000)]
    public int MaxPemBlocks { get; set; } = 64;

    /// <summary>
    /// Highest PBKDF iteration count accepted in PKCS#12 files and encrypted keys. OpenSSL 3 writes 2048, Windows 2000,
    /// strong exports up to a few hundred thousand; more is a denial-of-service attempt.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int MaxKdfIterations { get; set; } = 1_000_000;
}
