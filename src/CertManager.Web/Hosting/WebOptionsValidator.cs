using Microsoft.Extensions.Options;

namespace CertManager.Web.Hosting;

/// <summary>Refuses to start with a trusted proxy that is neither an address nor a CIDR network, naming it.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.TrustedProxies.Where(p => !TrustedProxyNetworks.TryParse(p, out _)).ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"CertManager:Web:TrustedProxies holds {string.Join(", ", invalid.Select(p => $"'{p}'"))}, which is neither an IP address nor a network such as 10.0.0.0/24. " +
                "List the addresses of the reverse proxies in front of this console.");
    }
}
