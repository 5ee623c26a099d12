namespace CertManager.Core.Enrollment;

/// <summary>
/// RFC 2136 dynamic update settings for dns-01: the primary <see cref="Server"/> and <see cref="Port"/>, the
/// <see cref="Zone"/> the <c>_acme-challenge</c> records go into, and the TSIG key (<see cref="KeyName"/>,
/// <see cref="Algorithm"/> as BIND names it, the decoded <see cref="Secret"/>).
/// </summary>
public sealed record AcmeDnsUpdateSettings(string Server, int Port, string Zone, string KeyName, string Algorithm, byte[] Secret)
{
    public DateTimeOffset Updated { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{KeyName} ({Algorithm}) -> {Server}:{Port} zone {Zone}";
}
