using System.ComponentModel.DataAnnotations;

namespace CertManager.Core.Install;

/// <summary>
/// Optional hand-off of each installed certificate to other services on this host. Bound from <c>CertManager:Install</c>.
/// </summary>
public sealed class InstallOptions
{
    public const string SectionName = "CertManager:Install";

    public const string Rsa = "RSA";

    public const string Ecdsa = "ECDSA";

    /// <summary>
    /// The key algorithms a certificate may have to be installed, and that the CSR and ACME forms offer: <c>RSA</c>,
    /// <c>ECDSA</c> (P-256 and P-384), or both. Unset means RSA only. Checked by <see cref="InstallOptionsValidator"/>.
    /// </summary>
    public List<string>? AllowedKeyAlgorithms { get; set; }

    /// <summary>What <see cref="AllowedKeyAlgorithms"/> means once the default is applied.</summary>
    public IReadOnlyList<string> EffectiveKeyAlgorithms => AllowedKeyAlgorithms is { Count: > 0 } list ? list : [Rsa];

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
