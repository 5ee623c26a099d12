using CertManager.Web.Hosting;

namespace CertManager.Web.Tests.Hosting;

public sealed class WebOptionsValidatorTests
{
    [Fact]
    public void Validate_AddressesAndNetworks_Accepted()
    {
        var options = new WebOptions();
        foreach (var proxy in new[] { "10.0.0.5", "10.0.0.0/24", "::1", "fd00::/8" })
        {
            options.TrustedProxies.Add(proxy);
        }

        Assert.True(new WebOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_NameOrDamagedNetwork_RefusedNamingEach()
    {
        var options = new WebOptions();
        options.TrustedProxies.Add("proxy.example.test");
        options.TrustedProxies.Add("10.0.0.0/33");

        var result = new WebOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'proxy.example.test', '10.0.0.0/33'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CertManager:Web:TrustedProxies", result.FailureMessage, StringComparison.Ordinal);
    }
}
