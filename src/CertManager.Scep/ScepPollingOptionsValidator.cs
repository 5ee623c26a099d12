using Microsoft.Extensions.Options;

namespace CertManager.Scep;

/// <summary>Cross-field rules of <see cref="ScepPollingOptions"/>.</summary>
internal sealed class ScepPollingOptionsValidator : IValidateOptions<ScepPollingOptions>
{
    public ValidateOptionsResult Validate(string? name, ScepPollingOptions options) =>
        options.MaxIntervalSeconds < options.FirstPollSeconds
            ? ValidateOptionsResult.Fail($"{ScepPollingOptions.SectionName}:MaxIntervalSeconds ({options.MaxIntervalSeconds}) must not be shorter than FirstPollSeconds ({options.FirstPollSeconds}): the back-off doubles the first wait up to the maximum.")
            : ValidateOptionsResult.Success;
}
