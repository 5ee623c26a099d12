using System.Net;

namespace CertManager.Web.Hosting;

/// <summary>Reads <see cref="WebOptions.TrustedProxies"/>: an address stands for itself, a network is written in CIDR form.</summary>
internal static class TrustedProxyNetworks
{
    public static bool TryParse(string? text, out IPNetwork network)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (IPAddress.TryParse(trimmed, out var address) && !trimmed.Contains('/', StringComparison.Ordinal))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(trimmed, out network);
    }
}
