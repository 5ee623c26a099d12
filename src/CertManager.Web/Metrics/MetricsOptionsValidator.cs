using System.Net;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Metrics;

/// <summary>Refuses to start with an allowed network that is not CIDR notation, rather than silently allowing nobody.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var invalid = options.AllowedNetworks.Where(network => !IPNetwork.TryParse(network, out _)).ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{MetricsOptions.SectionName}:AllowedNetworks: '{string.Join("', '", invalid)}' is not a network in CIDR notation (e.g. 192.0.2.10/32).");
    }
}
