using CertManager.Testing;

namespace CertManager.Acme.Tests.Support;

/// <summary>
/// One pebble resolving through one pebble-challtestsrv, shared by a test class (xunit class fixture). Runs on
/// pebble 2.6 when fetched, else on Debian 12's 2.4: nothing here needs ARI (<see cref="PebbleWithAri"/> does).
/// </summary>
public class PebbleWithDns : IDisposable
{
    public PebbleWithDns()
        : this(requireAri: false)
    {
    }

    protected PebbleWithDns(bool requireAri)
    {
        Dns = ChallengeTestServer.Start();
        try
        {
            Pebble = PebbleServer.Start(new PebbleSettings { DnsServer = Dns.DnsAddress, RequireAri = requireAri });
        }
        catch
        {
            Dns.Dispose();
            throw;
        }
    }

    public ChallengeTestServer Dns { get; }

    public PebbleServer Pebble { get; }

    public void Dispose()
    {
        Pebble.Dispose();
        Dns.Dispose();
        GC.SuppressFinalize(this);
    }
}
