using System.Net;
using System.Net.Sockets;
using CertManager.Core.Hosting;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Certificates;

/// <summary>This host's names: the FQDN (configurable, else from DNS) and the short host name.</summary>
public sealed class HostIdentity
{
    public HostIdentity(IOptions<CertManagerOptions> options)
        : this(options.Value.HostName)
    {
    }

    public HostIdentity(string? configuredHostName)
    {
        var shortName = Dns.GetHostName();
        FullyQualifiedName = string.IsNullOrWhiteSpace(configuredHostName)
            ? ResolveFullyQualifiedName(shortName)
            : configuredHostName.Trim().TrimEnd('.').ToLowerInvariant();
        ShortName = FullyQualifiedName.Split('.')[0];
    }

    public string FullyQualifiedName { get; }

    public string ShortName { get; }

    private static string ResolveFullyQualifiedName(string shortName)
    {
        try
        {
            // Resolving our own name asks the resolver (hosts file first); a host without DNS keeps its short name.
            var entry = Dns.GetHostEntry(shortName);
            return entry.HostName.TrimEnd('.').ToLowerInvariant();
        }
        catch (SocketException)
        {
            return shortName.ToLowerInvariant();
        }
    }
}
