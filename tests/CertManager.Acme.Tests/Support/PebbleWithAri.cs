namespace CertManager.Acme.Tests.Support;

/// <summary>
/// pebble 2.6 or later with challtestsrv: the renewalInfo tests need ARI (RFC 9773), so this fixture fails with
/// instructions on Debian 12's pebble 2.4 instead of letting them pass without it.
/// </summary>
public sealed class PebbleWithAri : PebbleWithDns
{
    public PebbleWithAri()
        : base(requireAri: true)
    {
    }
}
