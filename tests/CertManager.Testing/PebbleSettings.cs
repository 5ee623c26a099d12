namespace CertManager.Testing;

/// <summary>How a test wants pebble started; the defaults make a quiet CA that validates at once.</summary>
public sealed record PebbleSettings
{
    /// <summary>Fail when only Debian 12's pebble 2.4 is available (no renewalInfo).</summary>
    public bool RequireAri { get; init; }

    /// <summary>When set, newAccount requires External Account Binding with one of these key ids and base64url MAC keys.</summary>
    public IReadOnlyDictionary<string, string>? ExternalAccountKeys { get; init; }

    /// <summary>PEBBLE_WFE_NONCEREJECT: the share of good nonces answered with badNonce (pebble's own default is 5).</summary>
    public int NonceRejectPercent { get; init; }

    /// <summary>The port pebble's validator connects to for http-01 (the console's HTTP listener in console tests).</summary>
    public int? HttpPort { get; init; }

    /// <summary>host:port of the DNS server pebble resolves names and TXT records with (pebble-challtestsrv or named).</summary>
    public string? DnsServer { get; init; }

    /// <summary>Retry-After seconds pebble 2.6 sends on pending authorizations and processing orders.</summary>
    public int? RetryAfterSeconds { get; init; }
}
