using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;

namespace CertManager.Acme.Challenges.Dns;

/// <summary>
/// Talks to one DNS server directly, never through the system's resolver: dynamic updates (RFC 2136) and
/// non-recursive questions (RD=0), so the answer is the server's own data. UDP first, TCP when truncated.
/// </summary>
internal sealed class DnsServerClient(IPAddress address, int port, TimeSpan timeout)
{
    public IPAddress Address => address;

    public int Port => port;

    public override string ToString() => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    public async Task<DnsUpdateMessage?> SendUpdateAsync(DnsUpdateMessage message, CancellationToken cancellationToken)
    {
        using var client = Create();
        return await client.SendUpdateAsync(message, cancellationToken);
    }

    /// <summary>The server's own records of <paramref name="type"/> at <paramref name="name"/>, or null when it did not answer.</summary>
    public async Task<DnsMessage?> AskAsync(DomainName name, RecordType type, CancellationToken cancellationToken)
    {
        using var client = Create();
        return await client.ResolveAsync(name, type, RecordClass.INet, new DnsQueryOptions { IsRecursionDesired = false, IsEDnsEnabled = true }, cancellationToken);
    }

    /// <summary>The addresses of a server given by IP address or host name (the system's resolver for a name).</summary>
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string server, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(server, out var literal))
        {
            return [literal];
        }

        try
        {
            return await System.Net.Dns.GetHostAddressesAsync(server, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private DnsClient Create() =>
        new([address], [new UdpClientTransport(port), new TcpClientTransport(port)], disposeTransport: true, (int)timeout.TotalMilliseconds);
}
