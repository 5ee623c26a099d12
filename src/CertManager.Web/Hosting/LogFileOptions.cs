using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Hosting;

/// <summary>
/// How the log file in the data directory's <c>logs/</c> rolls: a new file each day and whenever one reaches
/// <see cref="FileSizeLimitBytes"/>; only the newest <see cref="RetainedFileCountLimit"/> files are kept, so the logs
/// never take more than their product (310 MiB by default). Bound from <c>CertManager:Logging</c>.
/// </summary>
public sealed class LogFileOptions
{
    public const string SectionName = "CertManager:Logging";

    /// <summary>Size at which the current file is closed and a new one (<c>certmanager-YYYYMMDD_001.log</c>, ...) begins.</summary>
    [Range(1024, long.MaxValue)]
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included; older ones are deleted as new ones begin.</summary>
    [Range(1, 1000)]
    public int RetainedFileCountLimit { get; set; } = 31;

    /// <summary>The most the log files take together.</summary>
    public long MaxTotalBytes => FileSizeLimitBytes * RetainedFileCountLimit;
}
