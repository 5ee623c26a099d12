using CertManager.Core.Expiry;
using CertManager.Testing;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tests.Expiry;

public sealed class ExpiryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new ExpiryOptionsValidator().Validate(null, new ExpiryOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(21, 21)]
    [InlineData(30, 21)]
    public void Validate_MinorNotShorterThanWarning_FailsNamingBothSettings(int minorDays, int warningDays)
    {
        var options = new ExpiryOptions { MinorBefore = TimeSpan.FromDays(minorDays), WarningBefore = TimeSpan.FromDays(warningDays) };

        var result = new ExpiryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MinorBefore", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WarningBefore", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinorJustShorterThanWarning_Succeeds()
    {
        var options = new ExpiryOptions { MinorBefore = TimeSpan.FromDays(21) - TimeSpan.FromSeconds(1), WarningBefore = TimeSpan.FromDays(21) };

        Assert.True(new ExpiryOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Options_ConfiguredMinorAfterWarning_RejectedByTheWiredServices()
    {
        using var host = CoreTestHost.Create(settings: new Dictionary<string, string?>
        {
            ["CertManager:Expiry:MinorBefore"] = "30.00:00:00",
            ["CertManager:Expiry:WarningBefore"] = "21.00:00:00",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<ExpiryOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.Contains("MinorBefore", StringComparison.Ordinal));
    }
}
