using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Hosting;

/// <summary>Where the console keeps its state. Bound from the <c>CertManager</c> configuration section.</summary>
public sealed class CertManagerOptions
{
    public const string SectionName = "CertManager";

    /// <summary>
    /// The data directory: database, certificates, encrypted keys, logs. Created with mode 0700 on first start.
    /// Defaults to <c>~/.local/share/CertManager</c> for the account the console runs as.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>
    /// The master key file (32 bytes, mode 0600) when it is kept outside the data directory, e.g. one file given to every
    /// node of a shared PostgreSQL store; never created by the console. Default: <c>master.key</c> in the data directory, made on first start.
    /// </summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>The host name the self-signed default and the CSR form start from; this machine's FQDN when empty.</summary>
    public string? HostName { get; set; }

    public static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "CertManager");
}
