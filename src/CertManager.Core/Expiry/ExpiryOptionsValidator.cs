using Microsoft.Extensions.Options;

namespace CertManager.Core.Expiry;

/// <summary>MINOR must come after WARNING: a certificate passes through WARNING before it reaches MINOR.</summary>
internal sealed class ExpiryOptionsValidator : IValidateOptions<ExpiryOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpiryOptions options) =>
        options.MinorBefore < options.WarningBefore
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ExpiryOptions.SectionName}:MinorBefore ({options.MinorBefore}) must be shorter than WarningBefore ({options.WarningBefore}).");
}
