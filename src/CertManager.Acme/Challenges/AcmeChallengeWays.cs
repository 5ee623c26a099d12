namespace CertManager.Acme.Challenges;

/// <summary>The ways CertManager can answer a challenge, as stored with each order and chosen on the form.</summary>
public static class AcmeChallengeWays
{
    /// <summary>http-01 answered by the console on its own HTTP listener.</summary>
    public const string HttpConsole = "http-console";

    /// <summary>http-01 written into the configured web root of another web server.</summary>
    public const string HttpWebRoot = "http-webroot";

    /// <summary>dns-01 by RFC 2136 dynamic update with TSIG to the configured DNS server.</summary>
    public const string DnsRfc2136 = "dns-rfc2136";

    /// <summary>dns-01 through the configured hook command.</summary>
    public const string DnsHook = "dns-hook";

    public static IReadOnlyList<string> All { get; } = [HttpConsole, HttpWebRoot, DnsRfc2136, DnsHook];
}
