using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Install;

/// <summary>
/// Optional hand-off of each installed certificate to other services on this host. Bound from <c>CertManager:Install</c>.
/// </summary>
public sealed class InstallOptions
{
    public const string SectionName = "CertManager:Install";

    /// <summary>When set, every install also writes cert.pem, chain.pem, fullchain.pem and privkey.pem (mode 0600) here.</summary>
    public string? DeployDirectory { get; set; }

    /// <summary>Commands run after each install or uninstall (e.g. <c>systemctl reload nginx</c>); their exit status and output go to the event log.</summary>
    public List<ReloadCommand> ReloadCommands { get; set; } = [];

    /// <summary>How long one reload command may run before it is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReloadTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>A program and its arguments, run without a shell so nothing in them is interpreted.</summary>
public sealed class ReloadCommand
{
    [Required]
    public string FileName { get; set; } = string.Empty;

    public List<string> Arguments { get; set; } = [];

    public override string ToString() => string.Join(' ', new[] { FileName }.Concat(Arguments));
}
