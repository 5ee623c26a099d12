using CertManager.Testing;

namespace CertManager.Acme.Tests.Support;

/// <summary>
/// One pebble that resolves through one BIND 9 (<c>pebble -dnsserver</c>), whose zone <c>example.test</c> takes
/// TSIG-signed dynamic updates: dns-01 by RFC 2136 end to end against real servers. Shared by a test class.
/// </summary>
public sealed class PebbleWithBind : IDisposable
{
    public PebbleWithBind()
    {
        Dns = BindServer.Start();
        try
        {
            Pebble = PebbleServer.Start(new PebbleSettings { DnsServer = Dns.Address });
        }
        catch
        {
            Dns.Dispose();
            throw;
        }
    }

    public BindServer Dns { get; }

    public PebbleServer Pebble { get; }

    public void Dispose()
    {
        Pebble.Dispose();
        Dns.Dispose();
    }
}
