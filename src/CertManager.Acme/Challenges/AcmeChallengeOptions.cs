using System.ComponentModel.DataAnnotations;
using CertManager.Core.Install;

namespace CertManager.Acme.Challenges;

/// <summary>How challenges are answered besides the console's own HTTP listener (section <see cref="SectionName"/>).</summary>
public sealed class AcmeChallengeOptions
{
    public const string SectionName = "CertManager:Acme:Challenges";

    /// <summary>
    /// http-01 to a web root: the document root of another web server on this host that serves port 80; the answer
    /// is written to <c>.well-known/acme-challenge/{token}</c> under it (readable by that server) and deleted afterwards.
    /// </summary>
    public string? WebRootDirectory { get; set; }

    /// <summary>
    /// dns-01 through a hook: run without a shell as <c>FileName Arguments... add|remove NAME VALUE</c>, where NAME is the
    /// TXT record's name (<c>_acme-challenge.example.com</c>) and VALUE its content. Exit status 0 means done.
    /// </summary>
    public ReloadCommand? DnsHook { get; set; }

    /// <summary>How long one hook run may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DnsHookTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// dns-01 by RFC 2136: how long to wait for every authoritative server of the zone to serve the new TXT record
    /// before the CA is asked to validate.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan DnsPropagationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>dns-01 by RFC 2136: how long one update or question to a DNS server may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan DnsQueryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an http-01 answer stays servable by the console at most, should its order be abandoned.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan HttpAnswerLifetime { get; set; } = TimeSpan.FromHours(1);
}
