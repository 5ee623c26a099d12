using Microsoft.Extensions.Options;

namespace CertManager.Core.Install;

/// <summary>
/// Which kinds of key the console installs and offers to make (<c>CertManager:Install:AllowedKeyAlgorithms</c>).
/// RSA only by default, as the classic console: some services behind it (older Java and appliance TLS stacks)
/// accept only RSA. ECDSA means the curves the web PKI allows, P-256 and P-384 (Mozilla Root Store Policy §5.1).
/// </summary>
public sealed class KeyAlgorithmPolicy(IOptions<InstallOptions> options)
{
    public const string SettingName = "CertManager:Install:AllowedKeyAlgorithms";

    public bool AllowsEcdsa { get; } = options.Value.EffectiveKeyAlgorithms.Contains(InstallOptions.Ecdsa, StringComparer.OrdinalIgnoreCase);

    public bool AllowsRsa { get; } = options.Value.EffectiveKeyAlgorithms.Contains(InstallOptions.Rsa, StringComparer.OrdinalIgnoreCase);
}
