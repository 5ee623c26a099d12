using Microsoft.Extensions.Options;

namespace CertManager.Core.Install;

/// <summary>Refuses to start with a key algorithm the console cannot install, naming the ones it can.</summary>
internal sealed class InstallOptionsValidator : IValidateOptions<InstallOptions>
{
    public ValidateOptionsResult Validate(string? name, InstallOptions options)
    {
        var unknown = options.EffectiveKeyAlgorithms
            .Where(a => !string.Equals(a, InstallOptions.Rsa, StringComparison.OrdinalIgnoreCase) && !string.Equals(a, InstallOptions.Ecdsa, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{KeyAlgorithmPolicy.SettingName} lists {string.Join(", ", unknown.Select(a => $"'{a}'"))}; allowed values are RSA and ECDSA.");
    }
}
